namespace Platform.Grains.OAuth;

/// <summary>
/// One authorization code or refresh token the authorization server issued (access tokens are self-contained JWTs and
/// have no entry). Mutable because OpenIddict's store contract sets fields one by one before saving.
/// </summary>
[GenerateSerializer, Alias("Platform.OAuthTokenEntry")]
public sealed class OAuthTokenEntry
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public string? ApplicationId { get; set; }

    [Id(2)]
    public string? AuthorizationId { get; set; }

    [Id(3)]
    public string? Subject { get; set; }

    [Id(4)]
    public string? Type { get; set; }

    [Id(5)]
    public string? Status { get; set; }

    [Id(6)]
    public DateTimeOffset? CreationDate { get; set; }

    [Id(7)]
    public DateTimeOffset? ExpirationDate { get; set; }

    [Id(8)]
    public DateTimeOffset? RedemptionDate { get; set; }

    /// <summary>Hashed by OpenIddict before it is stored; set only for reference tokens.</summary>
    [Id(9)]
    public string? ReferenceId { get; set; }

    [Id(10)]
    public string? Payload { get; set; }

    [Id(11)]
    public string? Properties { get; set; }

    [Id(12)]
    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("N");
}
