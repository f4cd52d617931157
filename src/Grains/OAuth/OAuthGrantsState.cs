namespace Platform.Grains.OAuth;

/// <summary>Persisted state of <see cref="OAuthGrantsGrain"/>. Stored as plain JSON: property names are the contract.</summary>
[GenerateSerializer, Alias("Platform.OAuthGrantsState")]
public sealed class OAuthGrantsState
{
    [Id(0)]
    public List<OAuthAuthorizationEntry> Authorizations { get; set; } = [];

    [Id(1)]
    public List<OAuthTokenEntry> Tokens { get; set; } = [];
}
