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

    [Id(8)]
    public string? PendingNonceHash { get; set; }

    [Id(9)]
    public DateTimeOffset PendingExpiresAt { get; set; }
}
