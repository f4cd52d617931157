using Platform.Audit;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>The audit query string: time range, user, tool, decision, kind, credential, page size and cursor.</summary>
public sealed record AuditFilter(
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? User,
    string? Tool,
    AuditDecision? Decision,
    AuditKind? Kind,
    string? Credential,
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
        Credential = Credential,
        Limit = Limit ?? AuditQuery.DefaultLimit,
        Cursor = Cursor,
    };
}
