namespace Platform.Grains.Connections;

/// <summary>
/// The shared connection's access token, sealed with the key ring for the hop between grains, with what it was granted
/// under: the consent fingerprint and the shared connection's epoch (<see cref="OAuthAppRegistration.SharedConnectionEpoch"/>).
/// A user grain that holds it drops it once the tenant's fingerprint or epoch differ.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.SharedAccessToken")]
public sealed record SharedAccessToken(
    [property: Id(0)] string SealedToken,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] string CloudId,
    [property: Id(3)] string ConsentFingerprint,
    [property: Id(4)] long SharedConnectionEpoch);
