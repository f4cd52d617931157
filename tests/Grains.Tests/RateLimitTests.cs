using Platform.Grains.RateLimits;
using Platform.Grains.Tools;

namespace Platform.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RateLimitTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_tenant_limit_holds_across_many_users_on_both_silos()
    {
        var tenant = UniqueIds.Tenant();
        await fixture.Grains.GetTenantRateLimitGrain(tenant).SetSettingsAsync(RateLimitScenarios.Generous with { TenantCallsPerMinute = 600, TenantBurst = 40 });
        var limiters = Enumerable.Range(0, 10).Select(i => fixture.Limiter(tenant, UniqueIds.User(), silo: i % 2)).ToList();

        Assert.Equal(40, await RateLimitScenarios.DrainAsync(limiters));

        var refusal = await limiters[3].CallAsync();
        Assert.Equal(RateLimitKind.Tenant, refusal!.Limit);
        Assert.Equal(TimeSpan.FromSeconds(1), refusal.RetryAfter);
        Assert.Contains($"organisation {tenant} may make 600 calls per minute; retry in 1 s", refusal.Reason, StringComparison.Ordinal);

        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10, await RateLimitScenarios.DrainAsync(limiters));
    }

    [Fact]
    public async Task Over_half_a_minute_of_overload_the_tenant_admits_its_rate_within_the_lease_bound()
    {
        var tenant = UniqueIds.Tenant();
        var settings = RateLimitScenarios.Generous with { TenantCallsPerMinute = 600, TenantBurst = 40 };
        await fixture.Grains.GetTenantRateLimitGrain(tenant).SetSettingsAsync(settings);
        var limiters = Enumerable.Range(0, 8).Select(i => fixture.Limiter(tenant, UniqueIds.User(), silo: i % 2)).ToList();
        var step = TimeSpan.FromMilliseconds(100);
        var steps = 300;

        var admitted = 0;
        for (var i = 0; i < steps; i++)
        {
            foreach (var limiter in limiters)
            {
                admitted += await limiter.AdmittedOfAsync(2);
            }

            fixture.Time.Advance(step);
        }

        // Any window of t seconds admits at most burst + rate × (t + lease lifetime); nearly the rate is used.
        var seconds = (steps * step).TotalSeconds;
        var perSecond = settings.TenantCallsPerMinute / 60.0;
        Assert.InRange(admitted, 0.95 * perSecond * seconds, settings.TenantBurst + (perSecond * (seconds + TenantRateLimitGrain.LeaseLifetime.TotalSeconds)));
    }

    [Fact]
    public async Task The_user_limit_trips_at_its_burst_and_says_when_to_retry()
    {
        var tenant = UniqueIds.Tenant();
        await fixture.Grains.GetTenantRateLimitGrain(tenant).SetSettingsAsync(RateLimitScenarios.Generous with { UserCallsPerMinute = 60, UserBurst = 5 });
        var limiter = fixture.Limiter(tenant, UniqueIds.User());

        var outcomes = new List<RateLimitRefusal?>();
        for (var i = 0; i < 6; i++)
        {
            outcomes.Add(await limiter.CallAsync(tool: $"tool-{i}"));
        }

        Assert.All(outcomes.Take(5), Assert.Null);
        var refusal = outcomes[5]!;
        Assert.Equal(RateLimitKind.User, refusal.Limit);
        Assert.Equal(TimeSpan.FromSeconds(1), refusal.RetryAfter);
        Assert.EndsWith("may make 60 calls per minute; retry in 1 s.", refusal.Reason, StringComparison.Ordinal);

        fixture.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.NotNull(await limiter.CallAsync(tool: "other"));
        fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await limiter.CallAsync(tool: "other"));
        Assert.NotNull(await limiter.CallAsync(tool: "other"));
    }

    [Fact]
    public async Task The_user_tool_limit_trips_for_that_tool_only_and_its_refusals_cost_the_user_nothing()
    {
        var tenant = UniqueIds.Tenant();
        await fixture.Grains.GetTenantRateLimitGrain(tenant).SetSettingsAsync(RateLimitScenarios.Generous with
        {
            UserCallsPerMinute = 60, UserBurst = 5, UserToolCallsPerMinute = 30, UserToolBurst = 3,
        });
        var user = UniqueIds.User();
        var limiter = fixture.Limiter(tenant, user);

        Assert.Equal(3, await limiter.AdmittedOfAsync(10, tool: "search"));
        var refusal = await limiter.CallAsync(tool: "search");
        Assert.Equal(RateLimitKind.UserTool, refusal!.Limit);
        Assert.Equal(TimeSpan.FromSeconds(2), refusal.RetryAfter);
        Assert.Equal($"Rate limit: user {user} may call search 30 times per minute; retry in 2 s.", refusal.Reason);

        // The seven refused calls of "search" took nothing from the user's bucket: 2 of its 5 are left.
        Assert.Equal(2, await limiter.AdmittedOfAsync(3, tool: "get_page"));
        Assert.Equal(RateLimitKind.User, (await limiter.CallAsync(tool: "get_page"))!.Limit);

        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await limiter.CallAsync(tool: "search"));
    }

    [Fact]
    public async Task A_burst_of_one_user_far_below_every_limit_is_admitted_in_full()
    {
        var tenant = UniqueIds.Tenant();
        var limits = fixture.Grains.GetTenantRateLimitGrain(tenant);
        await limits.SetCeilingsAsync(new RateLimitCeilings(1_000_000, 100_000, 1_000_000, 100_000, 1_000_000, 100_000, 1_000));
        await limits.SetSettingsAsync(new RateLimitSettings(1_000_000, 100_000, 1_000_000, 100_000, 1_000_000, 100_000, 1_000));
        var limiter = fixture.Limiter(tenant, UniqueIds.User());
        // The tenant's bucket was sized by the default settings; a second at the new rate fills it past the burst.
        fixture.Time.Advance(TimeSpan.FromSeconds(1));

        // More calls at once than the tenant hands out in several leases: late ones wait for further leases.
        var refusals = await Task.WhenAll(Enumerable.Range(0, 3_000).Select(_ => Task.Run(() => limiter.CallAsync())));

        var reasons = string.Join(" | ", refusals.OfType<RateLimitRefusal>().Select(refusal => $"{refusal.Reason} {refusal.RetryAfter}").Distinct());
        Assert.True(reasons.Length == 0, reasons);
    }

    [Fact]
    public async Task The_concurrency_cap_refuses_extra_calls_until_one_ends()
    {
        var tenant = UniqueIds.Tenant();
        await fixture.Grains.GetTenantRateLimitGrain(tenant).SetSettingsAsync(RateLimitScenarios.Generous with { MaxConcurrentCallsPerUser = 2 });
        var user = UniqueIds.User();
        var limiter = fixture.Limiter(tenant, user, silo: 1);

        Assert.True((await limiter.AcquireAsync("search", RateLimitScenarios.Site)).TryGetPermit(out var first, out _));
        Assert.True((await limiter.AcquireAsync("get_page", RateLimitScenarios.Site)).TryGetPermit(out var second, out _));
        var refusal = await limiter.CallAsync();
        Assert.Equal(RateLimitKind.Concurrency, refusal!.Limit);
        Assert.Equal(TimeSpan.FromSeconds(1), refusal.RetryAfter);
        Assert.Equal($"Rate limit: user {user} may run 2 calls at once; retry in 1 s.", refusal.Reason);

        first.Dispose();
        first.Dispose();
        Assert.True((await limiter.AcquireAsync("search", RateLimitScenarios.Site)).TryGetPermit(out var third, out _));
        Assert.NotNull(await limiter.CallAsync());
        second.Dispose();
        third.Dispose();
        Assert.Null(await limiter.CallAsync());
    }

    [Fact]
    public async Task Calls_refused_by_the_concurrency_cap_take_no_tokens()
    {
        var tenant = UniqueIds.Tenant();
        await fixture.Grains.GetTenantRateLimitGrain(tenant).SetSettingsAsync(RateLimitScenarios.Generous with
        {
            MaxConcurrentCallsPerUser = 1, UserToolBurst = 2,
        });
        var limiter = fixture.Limiter(tenant, UniqueIds.User());

        Assert.True((await limiter.AcquireAsync("search", RateLimitScenarios.Site)).TryGetPermit(out var running, out _));
        Assert.Equal(0, await limiter.AdmittedOfAsync(5));
        running.Dispose();

        Assert.Equal(1, await limiter.AdmittedOfAsync(5));
        Assert.Equal(RateLimitKind.UserTool, (await limiter.CallAsync())!.Limit);
    }

    [Fact]
    public async Task Calls_refused_by_a_user_limit_take_no_tenant_tokens()
    {
        var tenant = UniqueIds.Tenant();
        await fixture.Grains.GetTenantRateLimitGrain(tenant).SetSettingsAsync(RateLimitScenarios.Generous with
        {
            TenantCallsPerMinute = 60, TenantBurst = 5, UserToolBurst = 1,
        });
        var busy = fixture.Limiter(tenant, UniqueIds.User());
        var other = fixture.Limiter(tenant, UniqueIds.User(), silo: 1);

        Assert.Equal(1, await busy.AdmittedOfAsync(20));

        Assert.Equal(4, await other.AdmittedOfAsync(3, tool: "a") + await other.AdmittedOfAsync(3, tool: "b") + await other.AdmittedOfAsync(3, tool: "c") + await other.AdmittedOfAsync(3, tool: "d") + await other.AdmittedOfAsync(3, tool: "e"));
        Assert.Equal(RateLimitKind.Tenant, (await other.CallAsync(tool: "f"))!.Limit);
    }

    [Fact]
    public void A_refusal_becomes_a_rate_limited_tool_result_with_retry_after()
    {
        var refusal = RateLimitRefusal.Create(RateLimitKind.User, TimeSpan.FromMilliseconds(2_100), seconds => $"retry in {seconds} s");

        var result = refusal.ToToolCallResult();

        Assert.Equal(ToolCallStatus.RateLimited, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), result.RetryAfter);
        Assert.Equal("retry in 3 s", result.Text);
    }

    [Fact]
    public async Task Settings_changes_reach_a_user_within_a_lease_lifetime()
    {
        var tenant = UniqueIds.Tenant();
        var limits = fixture.Grains.GetTenantRateLimitGrain(tenant);
        var limiter = fixture.Limiter(tenant, UniqueIds.User());
        Assert.Null(await limiter.CallAsync());

        await limits.SetSettingsAsync(RateLimitSettings.Default with { UserBurst = 2 });
        fixture.Time.Advance(TenantRateLimitGrain.LeaseLifetime);

        Assert.Equal(2, await limiter.AdmittedOfAsync(5, tool: "x") + await limiter.AdmittedOfAsync(5, tool: "y"));
    }
}
