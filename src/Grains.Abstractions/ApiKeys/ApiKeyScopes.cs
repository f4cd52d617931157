namespace Platform.Grains.ApiKeys;

/// <summary>
/// What a key opens. <see cref="Mcp"/>: the tenant's MCP endpoint. <see cref="Admin"/>: the tenant's admin API, and
/// only while the key's owner is an enabled admin. A key opens nothing it was not issued for, so an admin's MCP key
/// leaked through a client's configuration does not administer the tenant.
/// </summary>
public static class ApiKeyScopes
{
    public const string Mcp = "mcp";

    public const string Admin = "admin";

    /// <summary>What a key gets when its issuer names no scopes, and what a key stored before keys had scopes holds.</summary>
    public static IReadOnlyList<string> Default { get; } = [Mcp];

    public static IReadOnlyList<string> All { get; } = [Mcp, Admin];
}
