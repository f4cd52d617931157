using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>
/// Filters over one tenant's audit rows. <see cref="From"/> is inclusive and <see cref="To"/> exclusive;
/// <see cref="Cursor"/> is the <see cref="AuditPage.NextCursor"/> of the previous page.
/// </summary>
public sealed record AuditQuery(TenantId Tenant)
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>The acting user id (or "operator").</summary>
    public string? Actor { get; init; }

    /// <summary>The tool or admin action name.</summary>
    public string? Operation { get; init; }

    public AuditDecision? Decision { get; init; }

    public AuditKind? Kind { get; init; }

    /// <summary>How the caller authenticated, exactly as stored (for example <c>api-key:k_123</c>).</summary>
    public string? Credential { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public string? Cursor { get; init; }

    /// <summary>Checks the limit and the cursor (which must come from this tenant), and returns the seq to start after.</summary>
    internal long Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Limit, 1, nameof(Limit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Limit, MaxLimit, nameof(Limit));
        return Cursor is null ? 0 : AuditCursor.Decode(Cursor, Tenant);
    }

    internal bool Matches(AuditEntry entry) =>
        entry.Record.Tenant == Tenant
        && (From is not { } from || entry.Record.OccurredAt >= from)
        && (To is not { } to || entry.Record.OccurredAt < to)
        && (Actor is null || entry.Record.Actor == Actor)
        && (Operation is null || entry.Record.Operation == Operation)
        && (Decision is not { } decision || entry.Record.Decision == decision)
        && (Kind is not { } kind || entry.Record.Kind == kind)
        && (Credential is null || entry.Record.Credential == Credential);
}
