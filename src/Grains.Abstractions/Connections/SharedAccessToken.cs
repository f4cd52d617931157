namespace Platform.Grains.Connections;

/// <summary>The shared connection's access token, sealed with the key ring for the hop between grains.</summary>
[GenerateSerializer, Immutable, Alias("Platform.SharedAccessToken")]
public sealed record SharedAccessToken(
    [property: Id(0)] string SealedToken,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] string CloudId);
