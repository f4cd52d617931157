namespace Platform.Grains.Connections;

/// <summary>Persisted state of <see cref="UserConnectionGrain"/>. Tokens are sealed; the pending nonce is stored only as a hash.</summary>
[GenerateSerializer, Alias("Platform.UserConnectionState")]
public sealed class UserConnectionState
{
    [Id(0)]
    public ConnectionStatus Status { get; set; }

    [Id(1)]
    public string? SealedAccessToken { get; set; }

    [Id(2)]
    public string? SealedRefreshToken { get; set; }

    [Id(3)]
    public DateTimeOffset AccessTokenExpiresAt { get; set; }

    [Id(4)]
    public List<string> Scopes { get; set; } = [];

    [Id(5)]
    public string? CloudId { get; set; }

    [Id(6)]
    public string? AccountId { get; set; }

    [Id(7)]
    public string? Reason { get; set; }

    /// <summary>Unused connect links. Several stay valid, so a retried tool call does not void the link a person is opening.</summary>
    [Id(8)]
    public List<PendingConnect> PendingConnects { get; set; } = [];

    /// <summary>Client id, site and scopes the user consented to; when the tenant's differ, the user must consent again.</summary>
    [Id(9)]
    public string? ConsentedSettings { get; set; }
}
