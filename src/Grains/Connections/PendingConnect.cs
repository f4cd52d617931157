namespace Platform.Grains.Connections;

/// <summary>An issued, unused connect link: the hash of its nonce and when it expires.</summary>
[GenerateSerializer, Alias("Platform.PendingConnect")]
public sealed class PendingConnect
{
    [Id(0)]
    public string NonceHash { get; set; } = "";

    [Id(1)]
    public DateTimeOffset ExpiresAt { get; set; }
}
