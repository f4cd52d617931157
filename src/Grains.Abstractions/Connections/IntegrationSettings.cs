namespace Platform.Grains.Connections;

/// <summary>A tenant's Confluence integration as an admin sets it. Secrets are set separately and never read back.</summary>
[GenerateSerializer, Immutable, Alias("Platform.IntegrationSettings")]
public sealed record IntegrationSettings(
    [property: Id(0)] string ClientId,
    [property: Id(1)] IReadOnlyList<string> Scopes,
    [property: Id(2)] string CloudId,
    [property: Id(3)] Uri SiteUrl,
    [property: Id(4)] CredentialMode Mode,
    [property: Id(5)] string? ServiceAccountEmail)
{
    /// <summary>What a user's consent covers: the app, the site and the scopes. When it changes, users consent again.</summary>
    public string ConsentFingerprint => $"{ClientId}|{CloudId}|{string.Join(' ', Scopes)}";
}
