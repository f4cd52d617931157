namespace Platform.Grains.Connections;

/// <summary>
/// What a per-user grain needs from its tenant to talk to Atlassian. The secret stays sealed across the hop.
/// <see cref="SharedConnectionEpoch"/> moves on whenever the shared connection connects or disconnects, so users drop a
/// shared token of an earlier connection.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.OAuthAppRegistration")]
public sealed record OAuthAppRegistration(
    [property: Id(0)] IntegrationSettings Settings,
    [property: Id(1)] string? SealedClientSecret,
    [property: Id(2)] string? SealedApiToken,
    [property: Id(3)] long SharedConnectionEpoch = 0);
