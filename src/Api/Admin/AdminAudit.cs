using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Platform.Api.Admin;

/// <summary>Records a change the handler has just made, attributed to the caller its authorization filter identified.</summary>
internal static class AdminAudit
{
    public static Task RecordAsync(this HttpContext http, string? tenant, string action, string target, object? before, object? after)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var change = new AdminAuditEvent(
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            AdminActor.Of(http).ToString(),
            tenant,
            action,
            target,
            before is null ? null : JsonSerializer.SerializeToNode(before, before.GetType(), json),
            after is null ? null : JsonSerializer.SerializeToNode(after, after.GetType(), json));
        return http.RequestServices.GetRequiredService<IAdminAuditSink>().RecordAsync(change, http.RequestAborted);
    }
}
