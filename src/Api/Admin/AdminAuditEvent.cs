using System.Text.Json.Nodes;
using Platform.Audit;

namespace Platform.Api.Admin;

/// <summary>
/// One row of an admin change (its request, or its outcome): who, when, what, and the resource before and after as JSON. Built only from response shapes,
/// which carry fingerprints and key prefixes but never a secret, so nothing here needs redacting after the fact.
/// </summary>
public sealed record AdminAuditEvent(
    DateTimeOffset At,
    string Actor,
    string? Tenant,
    string Action,
    string Target,
    JsonNode? Before,
    JsonNode? After)
{
    /// <summary>Allowed for a request and a change made; Denied when refused, Failed when its outcome is unknown.</summary>
    public AuditDecision Decision { get; init; } = AuditDecision.Allowed;

    /// <summary>Why it was refused or failed, or what the row is (a request).</summary>
    public string? Reason { get; init; }
}
