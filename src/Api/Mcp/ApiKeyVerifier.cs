using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;

namespace Platform.Api.Mcp;

/// <summary>
/// Checks a presented API key with its tenant's verifier grain, that it opens the MCP endpoint and that its owner is not
/// disabled, and remembers a good answer for a second so a busy client does not add grain hops to every call. Only the
/// key's hash is cached or sent; a key id is looked up under the tenant of the URL, so another tenant's key finds nothing.
/// </summary>
public sealed class ApiKeyVerifier(IGrainFactory grains, IMemoryCache cache, IOptions<McpOptions> options, TimeProvider time)
{
    public async Task<ApiKeyIdentity?> VerifyAsync(TenantId tenant, string token)
    {
        if (!ApiKeyToken.TryParse(token, out var keyId))
        {
            return null;
        }

        var hash = ApiKeyToken.Hash(token);
        var cacheKey = (tenant, Convert.ToHexString(hash));
        if (cache.TryGetValue(cacheKey, out ApiKeyIdentity? cached))
        {
            return cached;
        }

        // An admin-API-only key does not open the MCP endpoint.
        if (await grains.GetApiKeyVerifierGrain(tenant).VerifyAsync(keyId, hash) is not { } key || !key.Opens(ApiKeyScopes.Mcp))
        {
            return null;
        }

        if (!(await grains.GetUserConnectionGrain(tenant, key.User).GetToolPolicyAsync()).UserEnabled)
        {
            // A disabled user's keys stop working at once, so their calls cannot even reach the audit log.
            return null;
        }

        if (options.Value.ApiKeyCacheDuration > TimeSpan.Zero)
        {
            using var entry = cache.CreateEntry(cacheKey);
            entry.Value = key;
            entry.Size = 1;
            entry.AbsoluteExpiration = time.GetUtcNow() + options.Value.ApiKeyCacheDuration;
        }

        return key;
    }
}
