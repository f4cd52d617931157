using Platform.Audit;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Api.Admin;

/// <summary>The audit query string: time range, user, tool, decision, kind, page size and cursor.</summary>
public sealed record AuditFilter(
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? User,
    string? Tool,
    AuditDecision? Decision,
    AuditKind? Kind,
    int? Limit,
    string? Cursor)
{
    public AuditQuery ToQuery(TenantId tenant) => new(tenant)
    {
        From = From,
        To = To,
        Actor = User,
        Operation = Tool,
        Decision = Decision,
        Kind = Kind,
        Limit = Limit is null or (>= 1 and <= AuditQuery.MaxLimit)
            ? Limit ?? AuditQuery.DefaultLimit
            : throw new InvalidRequestException(nameof(Limit), $"A page holds 1 to {AuditQuery.MaxLimit} entries (was {Limit})."),
        Cursor = Cursor,
    };
}
