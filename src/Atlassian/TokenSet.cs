namespace Platform.Atlassian;

/// <summary>What Atlassian's token endpoint returned. Holds secrets: never log it or put it in a message.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes)
{
    public override string ToString() => $"TokenSet(expires {ExpiresAt:O}, {Scopes.Count} scopes)";
}
