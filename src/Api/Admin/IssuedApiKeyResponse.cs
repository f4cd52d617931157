namespace Platform.Api.Admin;

/// <summary>The answer to issuing a key: <see cref="Token"/> is shown this once and stored nowhere.</summary>
public sealed record IssuedApiKeyResponse(string Token, ApiKeyResponse Key);
