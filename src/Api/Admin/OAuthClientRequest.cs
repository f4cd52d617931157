namespace Platform.Api.Admin;

/// <summary>A client a tenant admin registers: its id (generated when left out), name and redirect URIs. Always a public client using PKCE.</summary>
public sealed record OAuthClientRequest(string? ClientId, string? Name, IReadOnlyList<string>? RedirectUris);
