using System.Net.Http.Headers;

namespace Platform.Grains.Confluence;

/// <summary>
/// Where and as whom one call reaches Confluence: the API root (<c>api.atlassian.com/ex/confluence/{cloudId}/</c> for
/// OAuth, the site itself for the service account), the Authorization header, and the site's id for back-offs.
/// </summary>
public sealed record ConfluenceCredentials(Uri ApiRoot, AuthenticationHeaderValue Authorization, string SiteId, CredentialKind Kind)
{
    /// <summary>Never prints the header: these travel through logs and exceptions.</summary>
    public override string ToString() => $"ConfluenceCredentials({ApiRoot}, {Kind})";
}
