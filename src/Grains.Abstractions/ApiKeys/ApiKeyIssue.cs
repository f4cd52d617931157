namespace Platform.Grains.ApiKeys;

/// <summary>
/// A request for a new key: its name, optional expiry, what it opens (<see cref="ApiKeyScopes"/>) and who asks for it
/// (<see cref="ApiKeyIssuers"/>; set by the Api from how the caller authenticated, never from the request body).
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.ApiKeyIssue")]
public sealed record ApiKeyIssue(
    [property: Id(0)] string Name,
    [property: Id(1)] DateTimeOffset? ExpiresAt,
    [property: Id(2)] IReadOnlyList<string> Scopes,
    [property: Id(3)] string IssuedBy);
