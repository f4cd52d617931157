namespace Platform.Api.Admin;

public sealed record ApiKeyRequest(string? Name, DateTimeOffset? ExpiresAt);
