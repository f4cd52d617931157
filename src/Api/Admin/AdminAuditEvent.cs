using System.Text.Json.Nodes;

namespace Platform.Api.Admin;

/// <summary>
/// One admin change: who, when, what, and the resource before and after as JSON; for an admin's key, which key and who
/// issued it when that was not the admin. Built only from response shapes, which carry fingerprints and key prefixes
/// but never a secret, so nothing here needs redacting after the fact.
/// </summary>
public sealed record AdminAuditEvent(
    DateTimeOffset At,
    string Actor,
    string? Tenant,
    string Action,
    string Target,
    JsonNode? Before,
    JsonNode? After,
    string? Credential = null,
    string? CredentialIssuer = null);
