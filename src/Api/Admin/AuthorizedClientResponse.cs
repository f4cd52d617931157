using Platform.Grains.OAuth;

namespace Platform.Api.Admin;

/// <summary>An AI client a user has authorized (a remembered consent), with what it may do and since when.</summary>
public sealed record AuthorizedClientResponse(string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset? AuthorizedAt)
{
    /// <summary>The user's valid, remembered consents, one per client.</summary>
    public static IReadOnlyList<AuthorizedClientResponse> From(OAuthGrants grants) =>
        [.. grants.Authorizations
            .Where(a => a.Status == "valid" && a.Type == "permanent" && a.ApplicationId is not null)
            .GroupBy(a => a.ApplicationId!, StringComparer.Ordinal)
            .Select(g => new AuthorizedClientResponse(g.Key, [.. g.SelectMany(a => a.Scopes).Distinct(StringComparer.Ordinal)], g.Min(a => a.CreationDate)))
            .OrderBy(c => c.ClientId, StringComparer.Ordinal)];
}
