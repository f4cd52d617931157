using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Audit;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Api.Admin;

/// <summary>
/// Makes an admin change between its audit rows (through <see cref="IAdminAuditSink"/>): first the request (who, what,
/// on what), committed before the change is made, so no change is ever applied without a row naming it, even if the
/// process dies right after; then its outcome: the resource before and after, exactly as the grain that made the change
/// answered, or why it was refused. Needs no HTTP request, so every admin surface records changes the same way.
/// </summary>
/// <remarks>
/// Recording only after the change (as before) left a window in which a change was made and its row lost. The grain
/// cannot append the row as part of its own write either (grain state and the audit log are separate stores), so the
/// request row is the write-ahead record: a request row without an outcome row says a change may have been applied.
/// </remarks>
public sealed class AdminAuditTrail(IAdminAuditSink sink, TimeProvider time, IOptions<JsonOptions> json)
{
    /// <summary>Suffix of the request row's action: <c>user.disable.requested</c> precedes <c>user.disable</c>.</summary>
    public const string RequestedSuffix = ".requested";

    /// <summary>
    /// Records the request, makes <paramref name="change"/>, and records its outcome (response shapes only: they hold no
    /// secret). <paramref name="targetOf"/> names the target once the change made it (an issued key's prefix).
    /// </summary>
    public async Task<Change<T>> ApplyAsync<T>(
        AdminActor actor, TenantId tenant, string action, string target, Func<Task<Change<T>>> change, Func<Change<T>, string>? targetOf = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        // Not cancellable from here on: once requested, the change and its record belong together.
        await sink.RecordAsync(Event(actor, tenant, action + RequestedSuffix, target, null, null, AuditDecision.Allowed,
            "Requested; the outcome is the next row for this action."), CancellationToken.None);
        Change<T> made;
        try
        {
            made = await change();
        }
        catch (RequestRefusedException refused)
        {
            await sink.RecordAsync(Event(actor, tenant, action, target, null, null, AuditDecision.Denied, refused.Message), CancellationToken.None);
            throw;
        }
        catch (Exception failure)
        {
            await sink.RecordAsync(Event(actor, tenant, action, target, null, null, AuditDecision.Failed,
                $"The change failed in the gateway ({failure.GetType().Name}); it may or may not have been applied."), CancellationToken.None);
            throw;
        }

        await sink.RecordAsync(Event(actor, tenant, action, targetOf?.Invoke(made) ?? target, Node(made.Before), Node(made.After), AuditDecision.Allowed, null),
            CancellationToken.None);
        return made;
    }

    private AdminAuditEvent Event(AdminActor actor, TenantId tenant, string action, string target, JsonNode? before, JsonNode? after, AuditDecision decision, string? reason) =>
        new(time.GetUtcNow(), actor.ToString(), tenant.Value, action, target, before, after) { Decision = decision, Reason = reason };

    private JsonNode? Node(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), json.Value.SerializerOptions);
}
