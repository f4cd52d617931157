using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;

namespace Platform.Grains.Tests;

/// <summary>Requests for API keys as tests issue them: by the operator unless a test says who, opening the MCP endpoint unless it says what.</summary>
public static class TestKeys
{
    public static ApiKeyIssue Issue(string name, DateTimeOffset? expiresAt = null, string issuedBy = ApiKeyIssuers.Operator, IReadOnlyList<string>? scopes = null) =>
        new(name, expiresAt, scopes ?? ApiKeyScopes.Default, issuedBy);

    /// <summary>Who <paramref name="token"/> authenticates in <paramref name="tenant"/>, checked as the Api checks it.</summary>
    public static Task<ApiKeyIdentity?> VerifyAsync(IGrainFactory grains, TenantId tenant, string token) =>
        ApiKeyToken.TryParse(token, out var keyId)
            ? grains.GetApiKeyVerifierGrain(tenant).VerifyAsync(keyId, ApiKeyToken.Hash(token))
            : Task.FromResult<ApiKeyIdentity?>(null);
}
