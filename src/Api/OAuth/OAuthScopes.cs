namespace Platform.Api.OAuth;

/// <summary>
/// The scopes a tenant's people grant AI clients. Write includes read (a writer must find what to change);
/// <c>offline_access</c> lets the client keep working without signing in again.
/// </summary>
public static class OAuthScopes
{
    public const string Read = "confluence:read";
    public const string Write = "confluence:write";
    public const string OfflineAccess = "offline_access";

    /// <summary>Every scope, with what the consent screen says it allows.</summary>
    public static IReadOnlyList<(string Scope, string Meaning)> All { get; } =
    [
        (Read, "Read Confluence pages, blog posts, comments, spaces and people as you."),
        (Write, "Create, change and delete Confluence content as you (includes reading)."),
        (OfflineAccess, "Stay connected without asking you to sign in again, until you revoke it."),
    ];

    /// <summary>What the protected resource advertises and what a request without a scope gets.</summary>
    public static IReadOnlyList<string> ResourceScopes { get; } = [Read, Write];

    public static bool AllowsWrite(IEnumerable<string> granted) => granted.Contains(Write, StringComparer.Ordinal);
}
