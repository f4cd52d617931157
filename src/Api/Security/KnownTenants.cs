using Microsoft.Extensions.Caching.Memory;
using Platform.Grains;
using Platform.Grains.Identity;

namespace Platform.Api.Security;

/// <summary>
/// Whether a tenant id exists, asked before any grain of that tenant is touched: an unknown id costs one in-memory
/// lookup on the tenant registry and activates nothing. Known ids are remembered (bounded cache); unknown ones are not,
/// so made-up ids cannot fill the cache and a tenant is served the moment it is created.
/// </summary>
public sealed partial class KnownTenants(IGrainFactory grains, IMemoryCache cache, TimeProvider time, ILogger<KnownTenants> logger)
{
    private static readonly TimeSpan RememberedFor = TimeSpan.FromMinutes(1);

    public async ValueTask<bool> ExistsAsync(TenantId tenant)
    {
        var key = (nameof(KnownTenants), tenant);
        if (cache.TryGetValue(key, out _))
        {
            return true;
        }

        bool exists;
        try
        {
            exists = await grains.GetTenantRegistryGrain().ContainsAsync(tenant);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            // Fail open: the tenant's own grains still refuse what they must; only this shortcut is lost meanwhile.
            LogRegistryUnavailable(logger, exception.Message);
            return true;
        }

        if (exists)
        {
            using var entry = cache.CreateEntry(key);
            entry.Value = true;
            entry.Size = 1;
            entry.AbsoluteExpiration = time.GetUtcNow() + RememberedFor;
        }

        return exists;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tenant registry did not answer ({Reason}); the request goes on as for a known tenant")]
    private static partial void LogRegistryUnavailable(ILogger logger, string reason);
}
