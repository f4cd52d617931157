namespace Platform.Grains.OAuth;

/// <summary>Persisted state of <see cref="OAuthClientRegistryGrain"/>. Stored as plain JSON: property names are the contract.</summary>
[GenerateSerializer, Alias("Platform.OAuthClientRegistryState")]
public sealed class OAuthClientRegistryState
{
    [Id(0)]
    public OAuthClientPolicy Policy { get; set; } = OAuthClientPolicy.Default;

    [Id(1)]
    public Dictionary<string, OAuthClientEntry> Clients { get; set; } = new(StringComparer.Ordinal);
}
