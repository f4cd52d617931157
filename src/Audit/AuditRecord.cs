using Platform.Grains.Identity;
using Platform.Grains.Tools;

namespace Platform.Audit;

/// <summary>
/// One audited event as the caller describes it; the log adds the sequence number and chain hashes.
/// Built through <see cref="ForToolCall"/> or <see cref="ForAdminAction"/>, which redact what must not be stored.
/// </summary>
public sealed record AuditRecord
{
    public required AuditKind Kind { get; init; }

    /// <summary>UTC, truncated to whole microseconds: what PostgreSQL stores, so the hash of a read-back row matches.</summary>
    public required DateTimeOffset OccurredAt
    {
        get;
        init => field = new DateTimeOffset(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
    }

    public required TenantId Tenant { get; init; }

    /// <summary>The user id, or <see cref="OperatorActor"/> for the platform operator.</summary>
    public required string Actor { get; init; }

    public string? ClientName { get; init; }

    public string? ClientVersion { get; init; }

    /// <summary>The tool name (tool calls) or the admin action's name.</summary>
    public required string Operation { get; init; }

    /// <summary>What was acted on where known, such as a page id or a user id.</summary>
    public string? Target { get; init; }

    /// <summary>SHA-256 (lowercase hex) of the canonical arguments JSON: proves what was sent without storing it.</summary>
    public string? ArgumentsDigest { get; init; }

    /// <summary>Canonical arguments with secret-looking values redacted, bounded.</summary>
    public string? ArgumentsPreview { get; init; }

    public required AuditDecision Decision { get; init; }

    public string? DecisionReason { get; init; }

    public int? UpstreamStatus { get; init; }

    /// <summary>Time the gateway spent on the whole call.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Time spent waiting for Confluence, where it was asked.</summary>
    public int? UpstreamLatencyMs { get; init; }

    /// <summary>Admin actions: the changed object before the change, redacted JSON.</summary>
    public string? BeforeJson { get; init; }

    /// <summary>Admin actions: the changed object after the change, redacted JSON.</summary>
    public string? AfterJson { get; init; }

    public const string OperatorActor = "operator";

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
        };
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
        string? decisionReason = null) => new()
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
        };

    private static int ToMilliseconds(TimeSpan duration) => (int)Math.Clamp(duration.TotalMilliseconds, 0, int.MaxValue);
}
