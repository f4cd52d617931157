namespace Platform.Grains.Governance;

/// <summary>Persisted state of <see cref="TenantGovernanceGrain"/>. Stored as plain JSON: property names are the contract.</summary>
[GenerateSerializer, Alias("Platform.GovernanceState")]
public sealed class GovernanceState
{
    /// <summary>Raised by every change; each pushed policy carries it, so a user grain keeps only the newest.</summary>
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public TenantAccess TenantAccess { get; set; }

    [Id(2)]
    public DefaultToolClassification Classification { get; set; }

    /// <summary>The integration's scopes at the last discovery; null until the first discovery.</summary>
    [Id(3)]
    public List<string>? GrantedScopes { get; set; }

    [Id(4)]
    public Dictionary<string, GovernedTool> Tools { get; set; } = [];

    /// <summary>Custom toolsets by name: their tool names.</summary>
    [Id(5)]
    public Dictionary<string, List<string>> Toolsets { get; set; } = [];

    [Id(6)]
    public Dictionary<string, AccessProfileState> Profiles { get; set; } = [];

    [Id(7)]
    public Dictionary<string, DirectoryUserState> Users { get; set; } = [];

    /// <summary>Groups by name: their members' user ids.</summary>
    [Id(8)]
    public Dictionary<string, List<string>> Groups { get; set; } = [];

    [Id(9)]
    public TenantSecuritySettings Security { get; set; } = TenantSecuritySettings.Default;
}
