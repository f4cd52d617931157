namespace Platform.Grains.Connections;

/// <summary>What a per-user grain needs from its tenant to talk to Atlassian. The secret stays sealed across the hop.</summary>
[GenerateSerializer, Immutable, Alias("Platform.OAuthAppRegistration")]
public sealed record OAuthAppRegistration(
    [property: Id(0)] IntegrationSettings Settings,
    [property: Id(1)] string? SealedClientSecret,
    [property: Id(2)] string? SealedApiToken);
