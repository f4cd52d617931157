using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.RateLimits;

namespace Platform.Api.Admin;

/// <summary>A tenant's rate limits (its admins') and their ceilings (the operator's), each change recorded in the tenant's audit log.</summary>
public sealed class RateLimitAdmin(IGrainFactory grains, AdminAuditTrail audit)
{
    public Task<RateLimitConfiguration> GetAsync(TenantId tenant) => grains.GetTenantRateLimitGrain(tenant).GetSettingsAsync();

    public async Task<RateLimitConfiguration> SetSettingsAsync(AdminActor actor, TenantId tenant, RateLimitSettings settings)
    {
        var change = await grains.GetTenantRateLimitGrain(tenant).SetSettingsAsync(settings);
        await audit.RecordAsync(actor, tenant, "rate-limits.set", tenant.Value, change.Select(configuration => configuration.Settings));
        return change.After!;
    }

    public async Task<RateLimitConfiguration> SetCeilingsAsync(AdminActor actor, TenantId tenant, RateLimitCeilings ceilings)
    {
        var change = await grains.GetTenantRateLimitGrain(tenant).SetCeilingsAsync(ceilings);
        await audit.RecordAsync(actor, tenant, "rate-limits.ceilings", tenant.Value, change.Select(configuration => configuration.Ceilings));
        return change.After!;
    }
}
