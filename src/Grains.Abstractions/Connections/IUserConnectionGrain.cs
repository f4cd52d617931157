using Orleans.Concurrency;
using Platform.Grains.Governance;
using Platform.Grains.Tools;

namespace Platform.Grains.Connections;

/// <summary>
/// One user's Atlassian connection and token vault. Key: <see cref="GrainKeys.ForUser"/>. Calls run concurrently;
/// only token refresh is single-flight.
/// </summary>
[Alias("Platform.IUserConnectionGrain")]
public interface IUserConnectionGrain : IGrainWithStringKey
{
    /// <summary>
    /// A one-time link (valid 10 minutes) to the gateway's page that names this user and tenant and then sends the
    /// person to consent at Atlassian.
    /// </summary>
    [Alias("CreateConnectLink")]
    Task<ConnectLink> CreateConnectLinkAsync();

    /// <summary>A pending link's consent URL at Atlassian and expiry, for its page; null when it cannot be used. Spends nothing.</summary>
    [Alias("DescribeConnectLink")]
    Task<ConnectLinkDetails?> DescribeConnectLinkAsync(string stateNonce);

    /// <summary>
    /// Completes consent from the callback: checks the one-time state, exchanges the code, checks that the consenting
    /// account is this user's by the tenant's directory, stores the tokens.
    /// </summary>
    [Alias("CompleteConnect")]
    Task<ConnectOutcome> CompleteConnectAsync(string stateNonce, string code);

    /// <summary>
    /// Completes a connect from a grant another flow already exchanged (signing in with Atlassian): the same checks as
    /// <see cref="CompleteConnectAsync"/> (the tenant's site granted, the account matches the user), then stores the tokens.
    /// </summary>
    [Alias("CompleteConnectFromGrant")]
    Task<ConnectOutcome> CompleteConnectFromGrantAsync(AtlassianGrantHandoff grant);

    [Alias("GetConnection")]
    Task<ConnectionView> GetConnectionAsync();

    /// <summary>Deletes the tokens; the next call needs a new consent.</summary>
    [Alias("Disconnect")]
    Task DisconnectAsync();

    [Alias("MarkNeedsReconnect")]
    Task MarkNeedsReconnectAsync(string reason);

    /// <summary>
    /// The user was deleted: deletes the tokens, the account, pending connect links and the stored record, so a user
    /// created later with this id starts as never connected.
    /// </summary>
    [Alias("Purge")]
    Task PurgeAsync();

    /// <summary>
    /// Runs one MCP tool call as this user: policy, rate limits, the tool over the user's credentials, one audit row.
    /// The Api's only hop on the hot path. It never throws for a refusal or a failure of Confluence: each is a result.
    /// Cancelling abandons the call only until its first write was sent; either way the answer says how it ended.
    /// The response timeout exceeds the longest a call can take (<c>Confluence:Timeout</c> is at most a minute), so
    /// the caller hears the call's own outcome rather than a timeout of the hop.
    /// </summary>
    [Alias("CallTool"), ResponseTimeout("00:03:00")]
    Task<ToolCallResult> CallToolAsync(ToolCall toolCall, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether this activation is running the call (<see cref="ToolCall.CallId"/>) and has not yet answered it. A call
    /// whose silo died is unknown to the activation that replaces it, which is how the Api tells a lost call from a slow one.
    /// </summary>
    [Alias("IsCallRunning"), AlwaysInterleave, Idempotent, ResponseTimeout(IdempotentAttribute.LookupTimeout)]
    Task<bool> IsCallRunningAsync(Guid callId);

    /// <summary>
    /// Only on the tenant's shared connection: a valid access token, sealed for the hop to another user grain of the
    /// same tenant, which caches it until it nears expiry.
    /// </summary>
    [Alias("GetSharedAccessToken")]
    Task<SharedAccessToken> GetSharedAccessTokenAsync();

    /// <summary>
    /// What this user may call now: the pushed policy, fetched from the tenant's governance on first use and again
    /// whenever its lease (<c>Governance:PolicyLease</c>) has run out.
    /// </summary>
    [Alias("GetToolPolicy"), AlwaysInterleave, Idempotent, ResponseTimeout(IdempotentAttribute.LookupTimeout)]
    Task<EffectiveToolPolicy> GetToolPolicyAsync();

    /// <summary>
    /// Tells <paramref name="observer"/> whenever this user's callable tools change. A subscription lapses after a few
    /// minutes unless renewed, so a vanished Api process is forgotten.
    /// </summary>
    [Alias("SubscribeToolList")]
    Task SubscribeToolListAsync(IToolListObserver observer);

    [Alias("UnsubscribeToolList")]
    Task UnsubscribeToolListAsync(IToolListObserver observer);

    /// <summary>The tenant's governance pushes this user's new effective policy; applied before the call returns.</summary>
    [Alias("ApplyPolicy"), AlwaysInterleave]
    Task ApplyPolicyAsync(EffectiveToolPolicy pushed);
}
