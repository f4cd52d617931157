using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Audit;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

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
        TenantId tenantId, [AsParameters] AuditFilter filter, [FromServices] IAuditLog log, CancellationToken cancellationToken)
    {
        var page = await PageAsync(log, filter.ToQuery(tenantId), cancellationToken);
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

    private static async Task<PushStreamHttpResult> ExportAsync(TenantId tenantId, [AsParameters] AuditFilter filter, [FromServices] IAuditLog log)
    {
        // A one-row query first, so a bad filter or cursor is a 400 rather than a stream cut off midway.
        var query = filter.ToQuery(tenantId) with { Limit = AuditQuery.MaxLimit };
        await PageAsync(log, query with { Limit = 1 }, CancellationToken.None);
        return TypedResults.Stream(
            async body => await AuditJsonLines.WriteAsync(log.ExportAsync(query, CancellationToken.None), body, CancellationToken.None),
            "application/x-ndjson",
            $"audit-{tenantId}.jsonl");
    }

    private static async Task<Ok<AuditVerificationResponse>> VerifyAsync(TenantId tenantId, [FromServices] IAuditLog log, CancellationToken cancellationToken)
    {
        var verification = await log.VerifyAsync(tenantId, cancellationToken);
        return TypedResults.Ok(new AuditVerificationResponse(
            tenantId.Value, verification.IsIntact, verification.RowsChecked, verification.FirstSequence, verification.UnkeyedRows,
            verification.FirstBrokenSequence, verification.Problem));
    }

    private static async Task<AuditPage> PageAsync(IAuditLog log, AuditQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await log.QueryAsync(query, cancellationToken);
        }
        catch (ArgumentException) when (query.Cursor is not null)
        {
            // The limit is checked already (AuditFilter): what the log refuses is a cursor it did not hand to this tenant.
            throw new InvalidRequestException(nameof(AuditFilter.Cursor), "The cursor is not one this tenant's audit log handed out; use nextCursor of the previous page.");
        }
    }
}
