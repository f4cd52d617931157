using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Grains;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// Records an admin change (who, when, what, the resource before and after, exactly as the grain that made it answered)
/// through <see cref="IAdminAuditSink"/>. Needs no HTTP request, so every admin surface records changes the same way.
/// </summary>
public sealed class AdminAuditTrail(IAdminAuditSink sink, TimeProvider time, IOptions<JsonOptions> json)
{
    /// <summary>Records <paramref name="change"/> (response shapes only: they hold no secret) and answers it.</summary>
    public async Task<Change<T>> RecordAsync<T>(AdminActor actor, TenantId tenant, string action, string target, Change<T> change)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        var recorded = new AdminAuditEvent(
            time.GetUtcNow(), actor.ToString(), tenant.Value, action, target, Node(change.Before), Node(change.After), actor.Credential, actor.CredentialIssuer);
        // The change is made: it is recorded even if the caller is gone meanwhile.
        await sink.RecordAsync(recorded, CancellationToken.None);
        return change;
    }

    private JsonNode? Node(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), json.Value.SerializerOptions);
}
