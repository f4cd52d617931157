namespace Platform.Grains.Connections;

/// <summary>
/// What testing a tenant's integration proved: whether Atlassian accepted its credentials in a real request, and what
/// an admin should do when it did not. Never carries a secret.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.IntegrationCheck")]
public sealed record IntegrationCheck(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] string Message);
