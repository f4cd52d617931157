using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Platform.Atlassian;
using Platform.Audit;
using Platform.Confluence.Tools;
using Platform.Grains.Confluence;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.RateLimits;
using Platform.Grains.Refusals;
using Platform.Grains.Security;
using Platform.Grains.Telemetry;
using Platform.Grains.Tools;
using Platform.Outbound;

namespace Platform.Grains.Connections;

/// <summary>
/// One user of a tenant: their tool calls, the tool policy governance pushed to them (<see cref="UserToolPolicy"/>),
/// their rate limits (<see cref="UserCallLimiter"/>) and their Atlassian credentials (<see cref="UserCredentials"/>).
/// Reentrant, so a user's calls run concurrently; only changes of the stored tokens are serialised, in the vault.
/// </summary>
[Reentrant]
public sealed partial class UserConnectionGrain(
    [PersistentState("connection", StorageNames.Platform)] IPersistentState<UserConnectionState> state,
    AtlassianOAuthClient oauth,
    ConfluenceClient confluenceClient,
    ConfluenceDestinations destinations,
    SecretSealer sealer,
    IOptions<PublicEndpointOptions> publicEndpoint,
    IOptions<AtlassianOptions> atlassian,
    IOptions<ConfluenceOptions> confluenceOptions,
    IOptions<GovernanceOptions> governanceOptions,
    ToolCatalog catalog,
    PlatformMetrics metrics,
    IAuditLog auditLog,
    TimeProvider time,
    ILogger<UserConnectionGrain> logger) : Grain, IUserConnectionGrain, IDisposable
{
    private TokenVault? vault;
    private ConnectionAudit? connectionAudit;
    private UserCredentials? credentials;
    private UserToolPolicy? policy;
    private UserCallLimiter? limiter;
    private readonly HashSet<Guid> runningCalls = [];

    private (TenantId Tenant, UserId User)? key;

    /// <summary>Parsed once: each helper below keeps these ids, and 100,000 users' copies of them add up.</summary>
    private (TenantId Tenant, UserId User) Key => key ??= GrainKeys.ParseUser(this.GetPrimaryKeyString());

    private TokenVault Vault => vault ??= new TokenVault(state, Key.Tenant, Key.User, sealer, oauth, atlassian.Value.RefreshSkew, metrics, Audit, time, logger);

    private ConnectionAudit Audit => connectionAudit ??= new ConnectionAudit(Key.Tenant, Key.User, auditLog, time);

    private UserCredentials Credentials => credentials ??= new UserCredentials(
        Key.Tenant, Key.User, Vault, new ConsentFlow(Vault, Key.Tenant, Key.User, oauth, GrainFactory, publicEndpoint.Value, time, logger), Audit,
        oauth, GrainFactory, sealer, destinations, atlassian.Value, publicEndpoint.Value.CallbackUrl, time, logger);

    private UserToolPolicy Policy => policy ??= new UserToolPolicy(
        Key.Tenant, Key.User, () => GrainFactory.GetTenantGovernanceGrain(Key.Tenant).GetEffectivePolicyAsync(Key.User),
        governanceOptions.Value.PolicyLease, time, logger);

    private UserCallLimiter Limiter => limiter ??= new UserCallLimiter(Key.Tenant, Key.User, GrainFactory, time);

    /// <summary>Policy → admission → tool → audit. However the call ends, it leaves one audit row, committed before the answer.</summary>
    public async Task<ToolCallResult> CallToolAsync(ToolCall toolCall, CancellationToken cancellationToken)
    {
        var occurredAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var tool = catalog.Find(toolCall.ToolName);
        runningCalls.Add(toolCall.CallId);
        try
        {
            var (result, upstream) = await DecideAndRunAsync(toolCall, tool, cancellationToken);
            var elapsed = time.GetElapsedTime(started);
            metrics.ToolCallCompleted(Key.Tenant, tool?.Definition.Name ?? "unknown", result.Status, elapsed, upstream);
            // Not cancellable: the call has happened whether or not the client still waits.
            await auditLog.AppendAsync(ToolCallAudit.Record(Key, toolCall, result, occurredAt, elapsed, upstream), CancellationToken.None);
            return result;
        }
        finally
        {
            runningCalls.Remove(toolCall.CallId);
        }
    }

    public Task<bool> IsCallRunningAsync(Guid callId) => Task.FromResult(runningCalls.Contains(callId));

    public Task<ConnectLink> CreateConnectLinkAsync() => Credentials.CreateConnectLinkAsync();

    public Task<ConnectLinkDetails?> DescribeConnectLinkAsync(string stateNonce) => Credentials.DescribeConnectLinkAsync(stateNonce);

    public Task<ConnectOutcome> CompleteConnectAsync(string stateNonce, string code) => Credentials.CompleteConnectAsync(stateNonce, code);

    public Task<ConnectOutcome> CompleteConnectFromGrantAsync(AtlassianGrantHandoff grant) => Credentials.CompleteConnectFromGrantAsync(grant);

    public Task<ConnectionView> GetConnectionAsync() => Task.FromResult(Vault.View);

    public Task DisconnectAsync() => Credentials.DisconnectAsync();

    public Task MarkNeedsReconnectAsync(string reason) => Credentials.MarkNeedsReconnectAsync(reason);

    public async Task PurgeAsync()
    {
        await Credentials.PurgeAsync();
        // Nothing this activation remembers (policy, limits, cached tokens) may outlive the user.
        DeactivateOnIdle();
    }

    public Task<SharedAccessToken> GetSharedAccessTokenAsync() => Key.User.IsSharedConnection
        ? Credentials.ShareAccessTokenAsync()
        : throw new InvalidOperationException("Only the tenant's shared connection hands out its token.");

    public Task<EffectiveToolPolicy> GetToolPolicyAsync() => Policy.GetAsync();

    public Task ApplyPolicyAsync(EffectiveToolPolicy pushed)
    {
        Policy.Apply(pushed);
        return Task.CompletedTask;
    }

    public Task SubscribeToolListAsync(IToolListObserver observer)
    {
        Policy.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeToolListAsync(IToolListObserver observer)
    {
        Policy.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScopeNames.Share(state.State.Scopes);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Vault.FlushAsync();
        if (policy?.IsRegistered != true || reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            // A silo that shuts down skips this: the tenant's governance may be going away too, and a stale
            // registration costs one extra push later, nothing more.
            return;
        }

        try
        {
            // Pushes to a forgotten activation would only re-activate it.
            await GrainFactory.GetTenantGovernanceGrain(Key.Tenant).UnregisterUserAsync(Key.User);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            LogUnregisterSkipped(logger, Key.Tenant.Value, Key.User.Value, exception.Message);
        }
    }

    public void Dispose() => vault?.Dispose();

    /// <summary>Never throws: a refusal, a failure of Confluence or of the gateway is a result the audit log records.</summary>
    private async Task<(ToolCallResult Result, TimeSpan Upstream)> DecideAndRunAsync(ToolCall call, ConfluenceTool? tool, CancellationToken cancellationToken)
    {
        ConfluenceConnection? confluence = null;
        try
        {
            // Policy: governance's current word on this user and tool. Refusals count against the user's limit.
            if (ToolCallResults.Refusal(await Policy.GetAsync(), Key.User, tool, call) is { } refusal)
            {
                return (await Limiter.ChargeRefusedCallAsync() is { } limited ? RateLimited(limited) : refusal, default);
            }

            // Admission: every rate limit, against the tenant's Confluence site.
            var app = await Credentials.GetAppAsync();
            if (!(await Limiter.AcquireAsync(tool!.Definition.Name, app.Settings.CloudId)).TryGetPermit(out var permit, out var refused))
            {
                return (RateLimited(refused), default);
            }

            using (permit)
            {
                // Tool: over the caller's own credentials, on a connection that knows when the call may still be abandoned.
                if (ToolCallResults.ParseArguments(call.ArgumentsJson, out var arguments) is { } invalid)
                {
                    return (invalid, default);
                }

                confluence = new ConfluenceConnection(confluenceClient, await Credentials.ForCallAsync(app), Limiter, oauth,
                    UserCredentials.FixedSites(app), time, confluenceOptions.Value.Timeout, cancellationToken);
                var outcome = await tool.InvokeAsync(arguments, confluence, confluence.CancellationToken);
                var revoked = confluence.Unauthorized && await Credentials.AreRevokedAsync(confluence.Credentials);
                return (revoked ? await CredentialsRefusedAsync(confluence.Credentials.Kind) : ToolCallResults.FromOutcome(outcome), confluence.UpstreamTime);
            }
        }
        catch (ConnectionRequiredException exception)
        {
            return (new ToolCallResult(ToolCallStatus.ConnectionRequired, exception.Message, ConnectLink: exception.ConnectLink), default);
        }
        catch (AtlassianGrantRejectedException) when (confluence is not null)
        {
            // Only accessible-resources raises this mid-call: the token was refused, as a 401 from Confluence would say.
            return (await CredentialsRefusedAsync(confluence.Credentials.Kind), confluence.UpstreamTime);
        }
        catch (RequestRefusedException exception)
        {
            // The tenant's integration is not complete (no integration, no client secret) or the tenant is gone: nothing reached Confluence.
            return (ToolCallResults.IntegrationIncomplete(exception.Message), default);
        }
        catch (Exception exception) when (exception is AtlassianClientRejectedException or AtlassianUnavailableException)
        {
            // Atlassian's token service refused the app or could not be reached while renewing the token.
            LogTokenServiceFailed(logger, Key.Tenant.Value, Key.User.Value, exception.Message);
            return (ToolCallResults.TokenServiceFailed(exception.Message), default);
        }
        catch (OperationCanceledException) when (confluence?.Abandoned is { } abandoned)
        {
            return (ToolCallResults.Abandoned(abandoned, confluenceOptions.Value.Timeout), confluence.UpstreamTime);
        }
        catch (OperationCanceledException exception) when (exception.InnerException is TimeoutException || confluence?.WriteTimedOut == true)
        {
            LogUpstreamTimeout(logger, Key.Tenant.Value, Key.User.Value, tool!.Definition.Name);
            return (ToolCallResults.TimedOut(confluence?.WriteSent ?? false, confluenceOptions.Value.Timeout), confluence?.UpstreamTime ?? default);
        }
        catch (Exception exception) when (DestinationRefusedException.Find(exception) is { } refused)
        {
            // A site (or what it redirected to) the gateway does not reach: misconfigured, or hostile.
            LogDestinationRefused(logger, Key.Tenant.Value, Key.User.Value, tool!.Definition.Name, refused.Message);
            return (ToolCallResults.DestinationRefused(refused.Message), confluence?.UpstreamTime ?? default);
        }
        catch (Exception exception)
        {
            LogCallFailed(logger, exception, Key.Tenant.Value, Key.User.Value, tool?.Definition.Name ?? "unknown");
            return (ToolCallResults.Failed(confluence?.WriteSent ?? false), confluence?.UpstreamTime ?? default);
        }
        finally
        {
            confluence?.Dispose();
        }
    }

    private ToolCallResult RateLimited(RateLimitRefusal refusal)
    {
        metrics.RateLimited(Key.Tenant, refusal.Limit.ToString());
        return refusal.ToToolCallResult();
    }

    /// <summary>A 401 on credentials that were valid: the connection needs a new consent, and the user hears how to give it.</summary>
    private async Task<ToolCallResult> CredentialsRefusedAsync(CredentialKind kind)
    {
        var refused = ToolCallResults.CredentialsRefused(kind);
        return await Credentials.RevokedAsync(kind, refused.Text) is { } required
            ? refused with { Text = required.Message, ConnectLink = required.ConnectLink }
            : refused;
    }
}
