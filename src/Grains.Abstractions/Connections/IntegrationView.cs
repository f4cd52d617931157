namespace Platform.Grains.Connections;

/// <summary>A tenant's integration as admins may see it: secrets only as a fingerprint and when they were set.</summary>
[GenerateSerializer, Immutable, Alias("Platform.IntegrationView")]
public sealed record IntegrationView(
    [property: Id(0)] IntegrationSettings Settings,
    [property: Id(1)] string? ClientSecretFingerprint,
    [property: Id(2)] DateTimeOffset? ClientSecretSetAt,
    [property: Id(3)] string? ApiTokenFingerprint,
    [property: Id(4)] DateTimeOffset? ApiTokenSetAt);
