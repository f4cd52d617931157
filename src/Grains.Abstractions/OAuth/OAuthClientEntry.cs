namespace Platform.Grains.OAuth;

/// <summary>
/// An OAuth client of one tenant's authorization server. The id is the client id. The secret, for the rare confidential
/// client, is stored only as OpenIddict's salted hash. Mutable because OpenIddict's store contract sets fields one by one.
/// </summary>
[GenerateSerializer, Alias("Platform.OAuthClientEntry")]
public sealed class OAuthClientEntry
{
    [Id(0)]
    public string ClientId { get; set; } = "";

    [Id(1)]
    public string? ClientSecretHash { get; set; }

    [Id(2)]
    public string? ClientType { get; set; }

    [Id(3)]
    public string? ApplicationType { get; set; }

    [Id(4)]
    public string? ConsentType { get; set; }

    [Id(5)]
    public string? DisplayName { get; set; }

    [Id(6)]
    public List<string> RedirectUris { get; set; } = [];

    [Id(7)]
    public List<string> Permissions { get; set; } = [];

    [Id(8)]
    public List<string> Requirements { get; set; } = [];

    [Id(9)]
    public Dictionary<string, string> Settings { get; set; } = [];

    [Id(10)]
    public string? Properties { get; set; }

    [Id(11)]
    public ClientRegistration Registration { get; set; }

    [Id(12)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(13)]
    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("N");
}
