using Platform.Grains.Identity;
using Platform.Grains.Tools;

namespace Platform.Audit;

/// <summary>
/// One audited event as the caller describes it; the log adds the sequence number and chain hashes. Built only through
/// <see cref="ForToolCall"/> or <see cref="ForAdminAction"/>, which redact what must not be stored and bound every text
/// field (<see cref="WithTextBounded"/>), so no content can make an append fail or grow a row without limit.
/// </summary>
public sealed record AuditRecord
{
    public const string OperatorActor = "operator";

    /// <summary>Client name and version, as the AI client declared them.</summary>
    public const int MaxClientChars = 128;

    public const int MaxActorChars = 256;

    /// <summary>Tool names (MCP allows 128) and admin action names.</summary>
    public const int MaxOperationChars = 128;

    public const int MaxTargetChars = 512;

    public const int MaxReasonChars = 1000;

    public const int MaxCredentialChars = 256;

    private const int DigestChars = 64;

    internal AuditRecord()
    {
    }

    public AuditKind Kind { get; internal init; }

    /// <summary>UTC, truncated to whole microseconds: what PostgreSQL stores, so the hash of a read-back row matches.</summary>
    public DateTimeOffset OccurredAt
    {
        get;
        internal init => field = new DateTimeOffset(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
    }

    public TenantId Tenant { get; internal init; }

    /// <summary>The user id, or <see cref="OperatorActor"/> for the platform operator.</summary>
    public string Actor { get; internal init; } = "";

    public string? ClientName { get; internal init; }

    public string? ClientVersion { get; internal init; }

    /// <summary>The tool name (tool calls) or the admin action's name.</summary>
    public string Operation { get; internal init; } = "";

    /// <summary>What was acted on where known, such as a page id or a user id.</summary>
    public string? Target { get; internal init; }

    /// <summary>SHA-256 (lowercase hex) of the canonical arguments JSON: proves what was sent without storing it.</summary>
    public string? ArgumentsDigest { get; internal init; }

    /// <summary>Canonical arguments with secret-looking values redacted, bounded.</summary>
    public string? ArgumentsPreview { get; internal init; }

    public AuditDecision Decision { get; internal init; }

    public string? DecisionReason { get; internal init; }

    public int? UpstreamStatus { get; internal init; }

    /// <summary>Time the gateway spent on the whole call.</summary>
    public int LatencyMs { get; internal init; }

    /// <summary>Time spent waiting for Confluence, where it was asked.</summary>
    public int? UpstreamLatencyMs { get; internal init; }

    /// <summary>Admin actions: the changed object before the change, redacted JSON.</summary>
    public string? BeforeJson { get; internal init; }

    /// <summary>Admin actions: the changed object after the change, redacted JSON.</summary>
    public string? AfterJson { get; internal init; }

    /// <summary>How the caller authenticated, such as <c>api-key:&lt;key id&gt;</c> or <c>oauth:&lt;client id&gt;</c>.</summary>
    public string? Credential { get; internal init; }

    /// <summary>Who issued that credential (a user id or <see cref="OperatorActor"/>) when it was not the caller.</summary>
    public string? CredentialIssuer { get; internal init; }

    public static AuditRecord ForToolCall(
        TenantId tenant,
        UserId user,
        ToolCall call,
        AuditDecision decision,
        string? decisionReason,
        int? upstreamStatus,
        TimeSpan latency,
        TimeSpan? upstreamLatency,
        DateTimeOffset occurredAt,
        string? target = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = AuditArguments.Describe(call.ArgumentsJson);
        return new AuditRecord
        {
            Kind = AuditKind.ToolCall,
            OccurredAt = occurredAt,
            Tenant = tenant,
            Actor = user.Value,
            ClientName = call.Client.Name,
            ClientVersion = call.Client.Version,
            Operation = call.ToolName,
            Target = target,
            ArgumentsDigest = arguments.Digest,
            ArgumentsPreview = arguments.Preview,
            Decision = decision,
            DecisionReason = decisionReason,
            UpstreamStatus = upstreamStatus,
            LatencyMs = ToMilliseconds(latency),
            UpstreamLatencyMs = upstreamLatency is { } upstream ? ToMilliseconds(upstream) : null,
            Credential = call.Credential,
            CredentialIssuer = call.CredentialIssuer,
        }.WithTextBounded();
    }

    /// <summary>
    /// An admin action by a user id or <see cref="OperatorActor"/>. <paramref name="beforeJson"/> is null when the object
    /// was created, <paramref name="afterJson"/> when it was deleted; secrets in both are redacted here.
    /// </summary>
    public static AuditRecord ForAdminAction(
        TenantId tenant,
        string actor,
        string action,
        string? target,
        string? beforeJson,
        string? afterJson,
        DateTimeOffset occurredAt,
        AuditDecision decision = AuditDecision.Allowed,
        string? decisionReason = null,
        string? credential = null,
        string? credentialIssuer = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(action);
        return new AuditRecord
        {
            Kind = AuditKind.AdminAction,
            OccurredAt = occurredAt,
            Tenant = tenant,
            Actor = actor,
            Operation = action,
            Target = target,
            Decision = decision,
            DecisionReason = decisionReason,
            BeforeJson = beforeJson is null ? null : AuditArguments.RedactSnapshot(beforeJson),
            AfterJson = afterJson is null ? null : AuditArguments.RedactSnapshot(afterJson),
            Credential = credential,
            CredentialIssuer = credentialIssuer,
        }.WithTextBounded();
    }

    /// <summary>The one place every text field gets its bound and loses what no store accepts (see <see cref="AuditText"/>).</summary>
    private AuditRecord WithTextBounded() => this with
    {
        Actor = AuditText.Bound(Actor, MaxActorChars)!,
        ClientName = AuditText.Bound(ClientName, MaxClientChars),
        ClientVersion = AuditText.Bound(ClientVersion, MaxClientChars),
        Operation = AuditText.Bound(Operation, MaxOperationChars)!,
        Target = AuditText.Bound(Target, MaxTargetChars),
        ArgumentsDigest = AuditText.Bound(ArgumentsDigest, DigestChars),
        ArgumentsPreview = AuditText.Bound(ArgumentsPreview, AuditArguments.PreviewMaxChars),
        DecisionReason = AuditText.Bound(DecisionReason, MaxReasonChars),
        BeforeJson = AuditText.Bound(BeforeJson, AuditArguments.SnapshotMaxChars),
        AfterJson = AuditText.Bound(AfterJson, AuditArguments.SnapshotMaxChars),
        Credential = AuditText.Bound(Credential, MaxCredentialChars),
        CredentialIssuer = AuditText.Bound(CredentialIssuer, MaxCredentialChars),
    };

    private static int ToMilliseconds(TimeSpan duration) => (int)Math.Clamp(duration.TotalMilliseconds, 0, int.MaxValue);
}
