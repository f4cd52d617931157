using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Audit;
using Platform.Grains.Identity;

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
        var audit = routes.MapGroup("/admin/v1/tenants/{tenantId}/audit").RequireTenantAdmin().WithTags("Audit");
        audit.MapGet("/", QueryAsync).Produces(StatusCodes.Status200OK, contentType: "application/json");
        audit.MapGet("/export", ExportAsync).Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");
        audit.MapGet("/verify", VerifyAsync);
        return routes;
    }

    private static async Task<FileContentHttpResult> QueryAsync(
        TenantId tenantId, [AsParameters] AuditFilter filter, [FromServices] AuditAdmin admin, CancellationToken cancellationToken)
    {
        var page = await admin.QueryAsync(filter.ToQuery(tenantId), cancellationToken);
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

        return TypedResults.Bytes(buffer.ToArray(), "application/json");
    }

    private static async Task<PushStreamHttpResult> ExportAsync(TenantId tenantId, [AsParameters] AuditFilter filter, [FromServices] AuditAdmin admin) =>
        ExportResult(tenantId, await admin.ExportAsync(filter.ToQuery(tenantId)));

    /// <summary>JSON lines, downloaded as a file named after the tenant.</summary>
    public static PushStreamHttpResult ExportResult(TenantId tenant, IAsyncEnumerable<AuditEntry> rows) => TypedResults.Stream(
        async body => await AuditJsonLines.WriteAsync(rows, body, CancellationToken.None),
        "application/x-ndjson",
        $"audit-{tenant}.jsonl");

    private static async Task<Ok<AuditVerificationResponse>> VerifyAsync(TenantId tenantId, [FromServices] AuditAdmin admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.VerifyAsync(tenantId, cancellationToken));
}
