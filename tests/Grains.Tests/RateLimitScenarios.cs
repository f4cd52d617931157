using Microsoft.Extensions.DependencyInjection;
using Platform.Grains.Identity;
using Platform.Grains.RateLimits;

namespace Platform.Grains.Tests;

/// <summary>Limiters as user grains would own them, placed on a chosen silo of the shared cluster, and ways to drive them.</summary>
internal static class RateLimitScenarios
{
    public const string Site = "acme.atlassian.net";

    /// <summary>Generous per-user limits, so a test trips only the limit it sets.</summary>
    public static RateLimitSettings Generous { get; } = RateLimitSettings.Default with
    {
        UserCallsPerMinute = 1_200,
        UserBurst = 300,
        UserToolCallsPerMinute = 600,
        UserToolBurst = 200,
        MaxConcurrentCallsPerUser = 32,
    };

    public static UserCallLimiter Limiter(this ClusterFixture fixture, TenantId tenant, UserId user, int silo = 0) =>
        new(tenant, user, fixture.Cluster.Silos[silo].ServiceProvider.GetRequiredService<IGrainFactory>(), fixture.Time);

    /// <summary>One call that ends at once: its refusal, or null when it was admitted.</summary>
    public static async Task<RateLimitRefusal?> CallAsync(this UserCallLimiter limiter, string tool = "search", string site = Site)
    {
        var admission = await limiter.AcquireAsync(tool, site);
        if (!admission.TryGetPermit(out var permit, out var refusal))
        {
            return refusal;
        }

        permit.Dispose();
        return null;
    }

    /// <summary>How many of <paramref name="attempts"/> calls were admitted.</summary>
    public static async Task<int> AdmittedOfAsync(this UserCallLimiter limiter, int attempts, string tool = "search")
    {
        var admitted = 0;
        for (var i = 0; i < attempts; i++)
        {
            admitted += await limiter.CallAsync(tool) is null ? 1 : 0;
        }

        return admitted;
    }

    /// <summary>Calls round-robin over the limiters until a whole round is refused; returns how many were admitted.</summary>
    public static async Task<int> DrainAsync(IReadOnlyList<UserCallLimiter> limiters)
    {
        var total = 0;
        while (true)
        {
            var round = 0;
            foreach (var limiter in limiters)
            {
                round += await limiter.CallAsync() is null ? 1 : 0;
            }

            if (round == 0)
            {
                return total;
            }

            total += round;
        }
    }
}
