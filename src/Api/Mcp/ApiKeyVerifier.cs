using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;

namespace Platform.Api.Mcp;

/// <summary>
/// Checks a presented API key against its grain, and that its owner is not disabled, and remembers a good answer for a
/// second so a busy client does not add grain hops to every call. Only the key's hash is cached or sent; a key id is
/// looked up under the tenant of the URL, so another tenant's key finds nothing.
/// </summary>
public sealed class ApiKeyVerifier(IGrainFactory grains, IMemoryCache cache, IOptions<McpOptions> options, TimeProvider time)
{
    public async Task<UserId?> VerifyAsync(TenantId tenant, string token)
    {
        if (!ApiKeyToken.TryParse(token, out var keyId))
        {
            return null;
        }

        var hash = ApiKeyToken.Hash(token);
        var cacheKey = (tenant, Convert.ToHexString(hash));
        if (cache.TryGetValue(cacheKey, out UserId cached))
        {
            return cached;
        }

        var user = await grains.GetApiKeyGrain(tenant, keyId).VerifyAsync(hash);
        if (user is { } owner && !(await grains.GetUserConnectionGrain(tenant, owner).GetToolPolicyAsync()).UserEnabled)
        {
            // A disabled user's keys stop working at once, so their calls cannot even reach the audit log.
            return null;
        }

        if (user is { } verified && options.Value.ApiKeyCacheDuration > TimeSpan.Zero)
        {
            using var entry = cache.CreateEntry(cacheKey);
            entry.Value = verified;
            entry.Size = 1;
            entry.AbsoluteExpiration = time.GetUtcNow() + options.Value.ApiKeyCacheDuration;
        }

        return user;
    }
}
