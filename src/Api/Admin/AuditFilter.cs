using Platform.Audit;
using Platform.Grains.Identity;

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
        Limit = Limit ?? AuditQuery.DefaultLimit,
        Cursor = Cursor,
    };
}
