using Microsoft.Extensions.Options;
using Platform.Atlassian;
using Platform.Grains.Confluence;
using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;
using Platform.Grains.Security;

namespace Platform.Grains.Tenants;

public sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Platform)] IPersistentState<TenantState> state,
    SecretSealer sealer,
    AtlassianOAuthClient oauth,
    ConfluenceClient confluence,
    IOptions<PublicEndpointOptions> endpoint,
    ConfluenceDestinations destinations,
    TimeProvider time) : Grain, ITenantGrain
{
    private const int MaxDisplayNameLength = 200;
    private const int MaxSecretLength = 4096;

    private TenantId Id => GrainKeys.ParseTenant(this.GetPrimaryKeyString());

    /// <summary>
    /// A stored tenant makes sure the registry knows it (a tenant from before the registry, or a lost registration),
    /// and that the tenant directory (the operator's list) holds it.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            await GrainFactory.GetTenantRegistryGrain().AddAsync(Id);
            if (!state.State.Listed)
            {
                await ListAsync();
            }
        }
    }

    public async Task<TenantDetails> CreateAsync(string displayName)
    {
        var name = displayName?.Trim() ?? "";
        if (name.Length is 0 or > MaxDisplayNameLength)
        {
            throw new InvalidRequestException(nameof(TenantDetails.DisplayName), $"A tenant's display name is 1 to {MaxDisplayNameLength} characters.");
        }

        if (state.RecordExists)
        {
            throw new TenantAlreadyExistsException(Id);
        }

        // Registered first: a registry entry without a stored tenant only costs a lookup; the reverse would hide the tenant.
        await GrainFactory.GetTenantRegistryGrain().AddAsync(Id);
        state.State = new TenantState { DisplayName = name, Status = TenantStatus.Created, CreatedAt = time.GetUtcNow() };
        await WriteStateAsync();
        await ListAsync();
        return ToDetails();
    }

    public Task<TenantDetails?> GetAsync() =>
        Task.FromResult(state.RecordExists ? ToDetails() : null);

    public Task<Change<TenantDetails>> ActivateAsync() =>
        MoveToAsync(TenantStatus.Active, TenantStatus.Created, TenantStatus.Active);

    public Task<Change<TenantDetails>> SuspendAsync() =>
        MoveToAsync(TenantStatus.Suspended, TenantStatus.Active, TenantStatus.Suspended);

    public Task<Change<TenantDetails>> ResumeAsync() =>
        MoveToAsync(TenantStatus.Active, TenantStatus.Suspended, TenantStatus.Active);

    /// <summary>
    /// Kill switch first (every user loses every tool, every key is revoked), then the tenant's credentials go: its
    /// client secret and service-account token, the shared connection and every user's connection. Deleting again
    /// finishes a delete that failed part way.
    /// </summary>
    public async Task<Change<TenantDetails>> DeleteAsync()
    {
        var change = await MoveToAsync(TenantStatus.Deleted, TenantStatus.Created, TenantStatus.Active, TenantStatus.Suspended, TenantStatus.Deleted);
        await PurgeCredentialsAsync();
        return change;
    }

    public async Task<Change<IntegrationView>> ConfigureIntegrationAsync(IntegrationSettings settings)
    {
        EnsureExists();
        var normalized = IntegrationRules.Normalize(settings, destinations);
        var before = IntegrationOrNull();
        var previous = state.State.Integration;
        var consentInvalidated = previous is not null && previous.ConsentFingerprint != normalized.ConsentFingerprint;

        state.State.Integration = normalized;
        var toReconnect = consentInvalidated ? state.State.ConnectedUsers.ToList() : [];
        if (consentInvalidated)
        {
            state.State.ConnectedUsers.Clear();
        }

        await WriteStateAsync();
        // After the write: a user who connects meanwhile is recorded against the new settings.
        await Task.WhenAll(toReconnect.Select(user => GrainFactory
            .GetUserConnectionGrain(Id, UserId.TryParseStored(user, out var id) ? id : throw new InvalidOperationException($"Stored user id '{user}' is invalid."))
            .MarkNeedsReconnectAsync("The tenant changed its Atlassian app, site or scopes; connect again to grant them.")));
        // Granted scopes decide which tools are available; governance reads them back (an interleaving read).
        var discovered = await GrainFactory.GetTenantGovernanceGrain(Id).DiscoverToolsAsync();
        return new(before, ToIntegrationView()) { UnconfirmedUsers = discovered.UnconfirmedUsers };
    }

    public async Task<Change<IntegrationView>> SetClientSecretAsync(string clientSecret)
    {
        EnsureIntegration();
        var before = ToIntegrationView();
        state.State.ClientSecret = Seal(clientSecret, "client_secret");
        await WriteStateAsync();
        return new(before, ToIntegrationView());
    }

    public async Task<Change<IntegrationView>> SetServiceAccountTokenAsync(string apiToken)
    {
        EnsureIntegration();
        var before = ToIntegrationView();
        state.State.ApiToken = Seal(apiToken, "api_token");
        await WriteStateAsync();
        return new(before, ToIntegrationView());
    }

    public async Task<IntegrationCheck> TestIntegrationAsync()
    {
        EnsureIntegration();
        var probe = new IntegrationProbe(oauth, confluence, sealer, endpoint.Value.CallbackUrl);
        return await probe.RunAsync(Id, await GetOAuthAppAsync(), CancellationToken.None);
    }

    public Task<int> CountConnectedUsersAsync() => Task.FromResult(state.RecordExists ? state.State.ConnectedUsers.Count : 0);

    public Task<IntegrationView?> GetIntegrationAsync() => Task.FromResult(IntegrationOrNull());

    public Task<OAuthAppRegistration> GetOAuthAppAsync()
    {
        EnsureExists();
        var integration = state.State.Integration;
        return integration is null
            ? throw new ConflictException($"Tenant '{Id}' has not registered its Confluence integration yet.")
            : Task.FromResult(new OAuthAppRegistration(integration, state.State.ClientSecret?.Sealed, state.State.ApiToken?.Sealed, state.State.SharedConnectionEpoch));
    }

    public async Task RecordConnectionAsync(UserId user, bool connected)
    {
        EnsureExists();
        var changed = connected ? state.State.ConnectedUsers.Add(user.Value) : state.State.ConnectedUsers.Remove(user.Value);
        if (user.IsSharedConnection)
        {
            // A reconnect may bind another account: users must not keep the token of the connection before it.
            state.State.SharedConnectionEpoch++;
            changed = true;
        }

        if (changed)
        {
            await WriteStateAsync();
        }
    }

    /// <summary>
    /// Stores the new status, then tells governance, which pushes it to every user before this returns. Repeating a
    /// transition that already happened tells governance again, so retrying after a failed push completes it.
    /// </summary>
    private async Task<Change<TenantDetails>> MoveToAsync(TenantStatus target, params TenantStatus[] allowedFrom)
    {
        if (target != TenantStatus.Deleted || !state.RecordExists)
        {
            // Only deleting again reaches a deleted tenant: it finishes a delete that failed part way.
            EnsureExists();
        }

        var before = ToDetails();
        var current = state.State.Status;
        if (!allowedFrom.Contains(current))
        {
            throw new ConflictException($"Tenant '{Id}' is {current}; it cannot become {target}.");
        }

        if (current != target)
        {
            state.State.Status = target;
            await WriteStateAsync();
        }

        var unconfirmed = await GrainFactory.GetTenantGovernanceGrain(Id).SetTenantAccessAsync(ToAccess(target));
        return new(before, ToDetails()) { UnconfirmedUsers = unconfirmed };
    }

    /// <summary>Every connection's tokens first, then the tenant's own secrets, so a failure part way leaves something to retry.</summary>
    private async Task PurgeCredentialsAsync()
    {
        foreach (var user in state.State.ConnectedUsers.Append(UserId.SharedConnection.Value).Distinct().ToList())
        {
            await GrainFactory.GetUserConnectionGrain(Id, UserId.TryParseStored(user, out var id) ? id : throw new InvalidOperationException($"Stored user id '{user}' is invalid.")).PurgeAsync();
            state.State.ConnectedUsers.Remove(user);
        }

        state.State.ClientSecret = null;
        state.State.ApiToken = null;
        await WriteStateAsync();
    }

    /// <summary>Adds this tenant to the operator's list (once; a failed add is retried at the next activation).</summary>
    private async Task ListAsync()
    {
        await GrainFactory.GetTenantDirectoryGrain().AddAsync(Id);
        state.State.Listed = true;
        await WriteStateAsync();
    }

    private static TenantAccess ToAccess(TenantStatus status) => status switch
    {
        TenantStatus.Created => TenantAccess.NotActivated,
        TenantStatus.Active => TenantAccess.Active,
        TenantStatus.Suspended => TenantAccess.Suspended,
        _ => TenantAccess.Deleted,
    };

    /// <summary>Every write re-seals secrets sealed under an older key, so adding a key to the ring retires the old one.</summary>
    private Task WriteStateAsync()
    {
        foreach (var (secret, field) in new[] { (state.State.ClientSecret, "client_secret"), (state.State.ApiToken, "api_token") })
        {
            if (secret is not null)
            {
                secret.Sealed = sealer.Reseal(secret.Sealed, SecretContexts.ForTenant(Id, field));
            }
        }

        return WriteOrForgetAsync();
    }

    /// <summary>A failed write must not leave unsaved settings in this activation: the next call reloads from storage.</summary>
    private async Task WriteOrForgetAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private SealedSecret Seal(string secret, string field)
    {
        secret = secret?.Trim() ?? "";
        if (secret.Length is 0 or > MaxSecretLength)
        {
            throw new InvalidRequestException("value", $"The secret must be 1 to {MaxSecretLength} characters.");
        }

        return new SealedSecret
        {
            Sealed = sealer.Seal(secret, SecretContexts.ForTenant(Id, field)),
            Fingerprint = SecretSealer.Fingerprint(secret),
            SetAt = time.GetUtcNow(),
        };
    }

    /// <summary>A deleted tenant reads back (so its id stays taken) but accepts no changes.</summary>
    private void EnsureExists()
    {
        if (!state.RecordExists || state.State.Status == TenantStatus.Deleted)
        {
            throw new NotFoundException($"Tenant '{Id}' does not exist.");
        }
    }

    private void EnsureIntegration()
    {
        EnsureExists();
        if (state.State.Integration is null)
        {
            throw new ConflictException("Register the integration (client id, scopes, site) before setting its secrets.");
        }
    }

    private IntegrationView? IntegrationOrNull() => state.RecordExists && state.State.Integration is not null ? ToIntegrationView() : null;

    private TenantDetails ToDetails() =>
        new(Id, state.State.DisplayName, state.State.Status, state.State.CreatedAt);

    private IntegrationView ToIntegrationView() =>
        new(state.State.Integration!, state.State.ClientSecret?.Fingerprint, state.State.ClientSecret?.SetAt,
            state.State.ApiToken?.Fingerprint, state.State.ApiToken?.SetAt);
}
