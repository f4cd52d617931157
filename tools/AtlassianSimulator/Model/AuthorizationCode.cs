namespace AtlassianSimulator.Model;

public sealed record AuthorizationCode(string Code, string GrantId, string RedirectUri, IReadOnlySet<string> Scopes, DateTimeOffset ExpiresAt)
{
    public bool Used { get; set; }
}
