namespace Platform.Api.Admin;

/// <summary>
/// A new key: its name, optional expiry, and what it opens (<c>mcp</c>, <c>admin</c>; default <c>mcp</c> only). Who
/// issues it comes from how the caller authenticated, never from the body.
/// </summary>
public sealed record ApiKeyRequest(string? Name, DateTimeOffset? ExpiresAt, IReadOnlyList<string>? Scopes = null);
