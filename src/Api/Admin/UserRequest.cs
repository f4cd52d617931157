using Platform.Grains.Governance;

namespace Platform.Api.Admin;

/// <summary>
/// Creates (with <see cref="Id"/>) or replaces (id from the route) a directory user. Enabled defaults to true, role to
/// Member. <see cref="Email"/> or <see cref="AtlassianAccountId"/> names the Atlassian account that may be connected
/// for the user; replacing without them removes them (and a binding made on first connect).
/// </summary>
public sealed record UserRequest(string? Id, string? ExternalId, string? Email, bool? Enabled, DirectoryRole? Role, string? AtlassianAccountId = null);
