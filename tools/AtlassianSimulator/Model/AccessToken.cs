namespace AtlassianSimulator.Model;

public sealed record AccessToken(string Token, string GrantId, IReadOnlySet<string> Scopes, DateTimeOffset ExpiresAt);
