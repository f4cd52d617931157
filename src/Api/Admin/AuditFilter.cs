using Microsoft.AspNetCore.Mvc;
using Platform.Audit;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Api.Admin;

/// <summary>The audit query string: time range, user, tool, decision, kind, credential, page size and cursor.</summary>
public sealed record AuditFilter(
    [property: FromQuery(Name = "from")] DateTimeOffset? From,
    [property: FromQuery(Name = "to")] DateTimeOffset? To,
    [property: FromQuery(Name = "user")] string? User,
    [property: FromQuery(Name = "tool")] string? Tool,
    [property: FromQuery(Name = "decision")] AuditDecision? Decision,
    [property: FromQuery(Name = "kind")] AuditKind? Kind,
    [property: FromQuery(Name = "credential")] string? Credential,
    [property: FromQuery(Name = "limit")] int? Limit,
    [property: FromQuery(Name = "cursor")] string? Cursor)
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
        Limit = Limit is null or (>= 1 and <= AuditQuery.MaxLimit)
            ? Limit ?? AuditQuery.DefaultLimit
            : throw new InvalidRequestException(nameof(Limit), $"A page holds 1 to {AuditQuery.MaxLimit} entries (was {Limit})."),
        Cursor = Cursor,
    };
}
