namespace Platform.Grains.Connections;

/// <summary>A user's Atlassian connection without its tokens.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ConnectionView")]
public sealed record ConnectionView(
    [property: Id(0)] ConnectionStatus Status,
    [property: Id(1)] string? AccountId,
    [property: Id(2)] string? CloudId,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] DateTimeOffset? AccessTokenExpiresAt,
    [property: Id(5)] string? Reason);
