namespace Platform.Api.OAuth;

/// <summary>OpenIddict's scope entity. This server's scopes are fixed in code (<see cref="OAuthScopes"/>), so none is ever stored.</summary>
public sealed class OAuthScopeEntry
{
    public string Name { get; set; } = "";
}
