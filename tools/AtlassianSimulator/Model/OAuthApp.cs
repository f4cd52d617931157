namespace AtlassianSimulator.Model;

/// <summary>A registered OAuth 2.0 (3LO) integration in the developer console.</summary>
public sealed record OAuthApp(string ClientId, string ClientSecret, string CallbackUrl, IReadOnlySet<string> Scopes, string Name);
