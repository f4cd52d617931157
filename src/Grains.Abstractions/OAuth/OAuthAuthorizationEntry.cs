namespace Platform.Grains.OAuth;

/// <summary>
/// One OAuth authorization (a user's consent to a client, or the ad-hoc grant behind one sign-in) as the authorization
/// server stores it. Mutable because OpenIddict's store contract sets fields one by one before saving.
/// </summary>
[GenerateSerializer, Alias("Platform.OAuthAuthorizationEntry")]
public sealed class OAuthAuthorizationEntry
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public string? ApplicationId { get; set; }

    [Id(2)]
    public string? Subject { get; set; }

    [Id(3)]
    public string? Status { get; set; }

    [Id(4)]
    public string? Type { get; set; }

    [Id(5)]
    public List<string> Scopes { get; set; } = [];

    [Id(6)]
    public DateTimeOffset? CreationDate { get; set; }

    /// <summary>OpenIddict's extra properties as a JSON object.</summary>
    [Id(7)]
    public string? Properties { get; set; }

    /// <summary>Changes on every save; a save carrying an older one is refused (optimistic concurrency).</summary>
    [Id(8)]
    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("N");
}
