using Platform.Grains.Identity;

namespace Platform.Grains.Governance;

/// <summary>
/// What one user may call right now, computed by the tenant's governance once per policy change and pushed to the
/// user's grain, so a tool call checks it in memory. <see cref="AllowedTools"/> maps each callable tool to the definition
/// hash its approval covers; a tool whose current definition hashes differently is not callable.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.EffectiveToolPolicy")]
public sealed record EffectiveToolPolicy(
    [property: Id(0)] long Version,
    [property: Id(1)] TenantAccess TenantAccess,
    [property: Id(2)] bool UserEnabled,
    [property: Id(3)] IReadOnlyDictionary<string, string> AllowedTools)
{
    /// <summary>Why nothing at all may be called, or null when the tenant is active and the user enabled.</summary>
    public string? DenialReason(UserId user) => TenantAccess switch
    {
        TenantAccess.NotActivated => "This organisation has not activated AI access to Confluence yet; ask an admin.",
        TenantAccess.Suspended => "This organisation's AI access to Confluence is suspended; ask an admin.",
        TenantAccess.Deleted => "This organisation no longer exists.",
        _ when !UserEnabled => $"User '{user}' is disabled in this organisation; ask an admin.",
        _ => null,
    };

    /// <summary>True when <paramref name="tool"/> is callable at the definition that hashes to <paramref name="definitionHash"/>.</summary>
    public bool Allows(string tool, string definitionHash) =>
        TenantAccess == TenantAccess.Active && UserEnabled && AllowedTools.TryGetValue(tool, out var approved) && approved == definitionHash;

    /// <summary>
    /// Whether <paramref name="other"/> lets the user do exactly what this does: same tenant access, same enabled flag,
    /// the same tools at the same definition hashes. The version is ignored: a newer policy with the same grants changes nothing.
    /// </summary>
    public bool SameGrantsAs(EffectiveToolPolicy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return TenantAccess == other.TenantAccess
            && UserEnabled == other.UserEnabled
            && AllowedTools.Count == other.AllowedTools.Count
            && AllowedTools.All(tool => other.AllowedTools.TryGetValue(tool.Key, out var hash) && hash == tool.Value);
    }
}
