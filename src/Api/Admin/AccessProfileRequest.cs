using Platform.Grains.Governance;

namespace Platform.Api.Admin;

/// <summary>Creates (with <see cref="Name"/>) or replaces (name from the route) an access profile.</summary>
public sealed record AccessProfileRequest(string? Name, IReadOnlyList<string>? Toolsets, IReadOnlyList<string>? Users, IReadOnlyList<string>? Groups)
{
    public AccessProfile ToProfile(string? name) => new(name ?? "", Toolsets ?? [], Users ?? [], Groups ?? []);
}
