using Platform.Grains.Governance;

namespace Platform.Api.Admin;

/// <summary>Creates (with <see cref="Id"/>) or replaces (id from the route) a directory user. Enabled defaults to true, role to Member.</summary>
public sealed record UserRequest(string? Id, string? ExternalId, string? Email, bool? Enabled, DirectoryRole? Role);
