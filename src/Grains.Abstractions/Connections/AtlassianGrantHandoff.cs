namespace Platform.Grains.Connections;

/// <summary>
/// An Atlassian grant already obtained elsewhere (signing in with Atlassian exchanged the code), handed to the user's
/// connection. The tokens stay sealed across the hop; it never prints them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.AtlassianGrantHandoff")]
public sealed record AtlassianGrantHandoff(
    [property: Id(0)] string SealedAccessToken,
    [property: Id(1)] string? SealedRefreshToken,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] string AccountId,
    [property: Id(5)] string? Email,
    [property: Id(6)] IReadOnlyList<string> AccessibleCloudIds)
{
    public override string ToString() => $"AtlassianGrantHandoff(account {AccountId}, tokens redacted)";
}
