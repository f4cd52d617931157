namespace Platform.Grains.Tenants;

/// <summary>Persisted state of <see cref="TenantDirectoryGrain"/>. Stored as plain JSON: property names are the contract.</summary>
[GenerateSerializer, Alias("Platform.TenantDirectoryState")]
public sealed class TenantDirectoryState
{
    [Id(0)]
    public HashSet<string> Tenants { get; set; } = new(StringComparer.Ordinal);
}
