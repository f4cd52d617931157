using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.RateLimits;

namespace Platform.Api.Admin;

/// <summary>A tenant's rate limits (its admins') and their ceilings (the operator's), each change recorded in the tenant's audit log.</summary>
public sealed class RateLimitAdmin(IGrainFactory grains, AdminAuditTrail audit)
{
    public Task<RateLimitConfiguration> GetAsync(TenantId tenant) => grains.GetTenantRateLimitGrain(tenant).GetSettingsAsync();

    public Task<RateLimitConfiguration> SetSettingsAsync(AdminActor actor, TenantId tenant, RateLimitSettings settings) =>
        ApplyAsync(actor, tenant, "rate-limits.set", () => grains.GetTenantRateLimitGrain(tenant).SetSettingsAsync(settings), configuration => configuration.Settings);

    public Task<RateLimitConfiguration> SetCeilingsAsync(AdminActor actor, TenantId tenant, RateLimitCeilings ceilings) =>
        ApplyAsync(actor, tenant, "rate-limits.ceilings", () => grains.GetTenantRateLimitGrain(tenant).SetCeilingsAsync(ceilings), configuration => configuration.Ceilings);

    /// <summary>Audits the part of the configuration the change is about; answers the whole configuration after it.</summary>
    private async Task<RateLimitConfiguration> ApplyAsync<T>(
        AdminActor actor, TenantId tenant, string action, Func<Task<Change<RateLimitConfiguration>>> change, Func<RateLimitConfiguration, T> audited)
    {
        RateLimitConfiguration? after = null;
        await audit.ApplyAsync(actor, tenant, action, tenant.Value, async () =>
        {
            var made = await change();
            after = made.After;
            return made.Select(audited);
        });
        return after!;
    }
}
