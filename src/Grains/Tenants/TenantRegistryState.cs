namespace Platform.Grains.Tenants;

/// <summary>Persisted state of <see cref="TenantRegistryGrain"/>: the ids of every tenant ever created.</summary>
[GenerateSerializer, Alias("Platform.TenantRegistryState")]
public sealed class TenantRegistryState
{
    [Id(0)]
    public HashSet<string> Tenants { get; set; } = new(StringComparer.Ordinal);
}
