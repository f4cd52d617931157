using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Platform.Audit;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's audit log: <c>/admin/v1/tenants/{tenantId}/audit</c> (filtered pages with a cursor), <c>…/audit/export</c>
/// (JSON lines) and <c>…/audit/verify</c> (the keyed hash chain), for the operator and the tenant's admins. Every query
/// is scoped to the tenant in the route; in cluster mode they read as the audit reader role.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var audit = routes.MapGroup("/admin/v1/tenants/{tenantId}/audit").RequireTenantAdmin();
        audit.MapGet("/", QueryAsync);
        audit.MapGet("/export", ExportAsync);
        audit.MapGet("/verify", VerifyAsync);
        return routes;
    }

    private static Task<IResult> QueryAsync(string tenantId, [AsParameters] AuditFilter filter, [FromServices] IAuditLog log, CancellationToken cancellationToken) =>
        AdminResults.RunAsync(tenantId, async tenant =>
        {
            var page = await log.QueryAsync(filter.ToQuery(tenant), cancellationToken);
            using var buffer = new MemoryStream();
            await using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteStartArray("entries");
                foreach (var entry in page.Entries)
                {
                    AuditJsonLines.WriteEntry(json, entry);
                }

                json.WriteEndArray();
                json.WriteString("nextCursor", page.NextCursor);
                json.WriteEndObject();
            }

            return Results.Bytes(buffer.ToArray(), "application/json");
        });

    private static Task<IResult> ExportAsync(string tenantId, [AsParameters] AuditFilter filter, [FromServices] IAuditLog log) =>
        AdminResults.RunAsync(tenantId, async tenant =>
        {
            // A one-row query first, so a bad filter or cursor is a 400 rather than a stream cut off midway.
            var query = filter.ToQuery(tenant) with { Limit = AuditQuery.MaxLimit };
            await log.QueryAsync(query with { Limit = 1 }, CancellationToken.None);
            return Results.Stream(
                async body => await AuditJsonLines.WriteAsync(log.ExportAsync(query, CancellationToken.None), body, CancellationToken.None),
                "application/x-ndjson",
                $"audit-{tenant}.jsonl");
        });

    private static Task<IResult> VerifyAsync(string tenantId, [FromServices] IAuditLog log, CancellationToken cancellationToken) =>
        AdminResults.RunAsync(tenantId, async tenant =>
        {
            var verification = await log.VerifyAsync(tenant, cancellationToken);
            return Results.Ok(new
            {
                tenant = tenant.Value,
                intact = verification.IsIntact,
                rowsChecked = verification.RowsChecked,
                firstSequence = verification.FirstSequence,
                unkeyedRows = verification.UnkeyedRows,
                firstBrokenSequence = verification.FirstBrokenSequence,
                problem = verification.Problem,
            });
        });
}
