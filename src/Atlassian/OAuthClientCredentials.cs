namespace Platform.Atlassian;

/// <summary>A tenant's registered Atlassian OAuth app. The secret is plaintext only in memory, for one token request.</summary>
public sealed record OAuthClientCredentials(string ClientId, string ClientSecret, Uri RedirectUri)
{
    public override string ToString() => $"OAuthClientCredentials({ClientId})";
}
