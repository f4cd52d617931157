using Platform.Grains.RateLimits;

namespace Platform.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SiteBackoffTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_throttle_seen_by_one_user_stops_the_tenants_other_users_on_that_site_until_it_passes()
    {
        var tenant = UniqueIds.Tenant();
        var reporter = fixture.Limiter(tenant, UniqueIds.User());
        var colleague = fixture.Limiter(tenant, UniqueIds.User(), silo: 1);
        var otherTenant = fixture.Limiter(UniqueIds.Tenant(), UniqueIds.User(), silo: 1);
        Assert.Null(await reporter.CallAsync());

        await reporter.ReportUpstreamAsync(RateLimitScenarios.Site, 429, TimeSpan.FromSeconds(30));

        var refusal = await colleague.CallAsync();
        Assert.Equal(RateLimitKind.SiteBackoff, refusal!.Limit);
        Assert.Equal(TimeSpan.FromSeconds(30), refusal.RetryAfter);
        Assert.Equal($"Rate limit: Confluence ({RateLimitScenarios.Site}) asked this organisation to slow down; retry in 30 s.", refusal.Reason);
        Assert.Equal(RateLimitKind.SiteBackoff, (await reporter.CallAsync())!.Limit);
        Assert.Null(await colleague.CallAsync(site: "other.atlassian.net"));
        Assert.Null(await otherTenant.CallAsync());

        fixture.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(TimeSpan.FromSeconds(1), (await colleague.CallAsync())!.RetryAfter);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await colleague.CallAsync());
        Assert.Null(await reporter.CallAsync());
    }

    [Fact]
    public async Task A_busy_user_spending_a_leased_batch_learns_of_a_throttle_within_a_lease_lifetime()
    {
        var tenant = UniqueIds.Tenant();
        var busy = fixture.Limiter(tenant, UniqueIds.User(), silo: 1);
        Assert.Equal(20, await busy.AdmittedOfAsync(20));
        await fixture.Limiter(tenant, UniqueIds.User()).ReportUpstreamAsync(RateLimitScenarios.Site, 429, TimeSpan.FromSeconds(30));

        fixture.Time.Advance(TenantRateLimitGrain.LeaseLifetime);

        var refusal = await busy.CallAsync(tool: "get_page");
        Assert.Equal(RateLimitKind.SiteBackoff, refusal!.Limit);
        Assert.Equal(TimeSpan.FromSeconds(29), refusal.RetryAfter);
    }

    [Fact]
    public async Task A_429_without_retry_after_backs_off_briefly_and_a_503_without_it_not_at_all()
    {
        var tenant = UniqueIds.Tenant();
        var limiter = fixture.Limiter(tenant, UniqueIds.User());

        await limiter.ReportUpstreamAsync("a.atlassian.net", 503, retryAfter: null);
        await limiter.ReportUpstreamAsync("b.atlassian.net", 429, retryAfter: null);
        await limiter.ReportUpstreamAsync("c.atlassian.net", 500, TimeSpan.FromSeconds(60));

        Assert.Null(await limiter.CallAsync(site: "a.atlassian.net"));
        Assert.Equal(UserCallLimiter.DefaultThrottleBackoff, (await limiter.CallAsync(site: "b.atlassian.net"))!.RetryAfter);
        Assert.Null(await limiter.CallAsync(site: "c.atlassian.net"));
    }

    [Fact]
    public async Task A_huge_retry_after_is_capped()
    {
        var limiter = fixture.Limiter(UniqueIds.Tenant(), UniqueIds.User());

        await limiter.ReportUpstreamAsync(RateLimitScenarios.Site, 503, TimeSpan.FromDays(3));

        Assert.Equal(TenantRateLimitGrain.MaxSiteBackoff, (await limiter.CallAsync())!.RetryAfter);
    }
}
