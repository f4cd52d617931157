using Platform.Grains.RateLimits;
using Platform.Grains.Refusals;

namespace Platform.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RateLimitSettingsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_new_tenant_has_the_default_settings_and_ceilings()
    {
        var configuration = await fixture.Grains.GetTenantRateLimitGrain(UniqueIds.Tenant()).GetSettingsAsync();

        Assert.Equal(new RateLimitConfiguration(RateLimitSettings.Default, RateLimitCeilings.Default, 0), configuration);
        Assert.Empty(RateLimitCeilings.Default.Violations(RateLimitSettings.Default));
    }

    [Fact]
    public async Task Settings_within_the_ceilings_are_kept_across_deactivation_with_a_new_version()
    {
        var grain = fixture.Grains.GetTenantRateLimitGrain(UniqueIds.Tenant());
        var settings = RateLimitSettings.Default with { UserCallsPerMinute = 300, MaxConcurrentCallsPerUser = 4 };

        var set = await grain.SetSettingsAsync(settings);
        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Equal(new RateLimitConfiguration(settings, RateLimitCeilings.Default, 1), set.After);
        Assert.Equal(new RateLimitConfiguration(RateLimitSettings.Default, RateLimitCeilings.Default, 0), set.Before);
        Assert.Equal(set.After, await grain.GetSettingsAsync());
    }

    [Fact]
    public async Task Settings_above_a_ceiling_or_below_one_are_refused_with_every_reason_and_change_nothing()
    {
        var grain = fixture.Grains.GetTenantRateLimitGrain(UniqueIds.Tenant());
        var before = (await grain.SetSettingsAsync(RateLimitSettings.Default with { UserBurst = 10 })).After;

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            grain.SetSettingsAsync(RateLimitSettings.Default with { UserBurst = 301, MaxConcurrentCallsPerUser = 0 }));

        Assert.Equal(["The user burst may be at most 300, the ceiling the operator set (was 301)."], error.Errors[nameof(RateLimitSettings.UserBurst)]);
        Assert.Equal(["The concurrent calls per user must be at least 1 (was 0)."], error.Errors[nameof(RateLimitSettings.MaxConcurrentCallsPerUser)]);
        Assert.Equal(2, error.Errors.Count);
        Assert.Equal(before, await grain.GetSettingsAsync());
    }

    [Fact]
    public async Task Lowering_a_ceiling_lowers_the_settings_above_it()
    {
        var grain = fixture.Grains.GetTenantRateLimitGrain(UniqueIds.Tenant());
        var ceilings = RateLimitCeilings.Default with { UserBurst = 10, TenantCallsPerMinute = 100_000 };

        var set = (await grain.SetCeilingsAsync(ceilings)).After!;

        Assert.Equal(RateLimitSettings.Default with { UserBurst = 10 }, set.Settings);
        Assert.Equal(ceilings, set.Ceilings);
        await Assert.ThrowsAsync<InvalidRequestException>(() => grain.SetSettingsAsync(set.Settings with { UserBurst = 11 }));
        Assert.Equal(90_000, (await grain.SetSettingsAsync(set.Settings with { TenantCallsPerMinute = 90_000 })).After!.Settings.TenantCallsPerMinute);
    }

    [Fact]
    public async Task Ceilings_below_one_are_refused()
    {
        var grain = fixture.Grains.GetTenantRateLimitGrain(UniqueIds.Tenant());

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => grain.SetCeilingsAsync(RateLimitCeilings.Default with { TenantBurst = 0 }));

        Assert.Equal(["The tenant burst must be at least 1 (was 0)."], error.Errors[nameof(RateLimitCeilings.TenantBurst)]);
        Assert.Equal(RateLimitCeilings.Default, (await grain.GetSettingsAsync()).Ceilings);
    }
}
