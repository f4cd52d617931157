using Platform.Grains.Refusals;

namespace Platform.Grains.RateLimits;

/// <summary>
/// The tenant's limits and its token bucket. Only settings and ceilings are persisted: the bucket changes on every lease
/// and writing it each time would make storage the bottleneck; an activation that starts over merely starts with a full
/// bucket (one extra burst). Site back-offs are in memory too: after a failover, Confluence's next 429 sets them again.
/// </summary>
public sealed class TenantRateLimitGrain(
    [PersistentState("rate-limits", StorageNames.Platform)] IPersistentState<TenantRateLimitState> state,
    TimeProvider time) : Grain, ITenantRateLimitGrain
{
    /// <summary>How long leased tokens may wait unspent; the tenant limit is overshot by at most this much of its rate.</summary>
    public static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(1);

    public const int MaxLeaseBatch = 64;

    /// <summary>A Retry-After longer than this is treated as this, so one odd header cannot lock a tenant out for days.</summary>
    public static readonly TimeSpan MaxSiteBackoff = TimeSpan.FromMinutes(15);

    private readonly Dictionary<string, DateTimeOffset> siteBackoffs = new();
    private RateLimitConfiguration? inForce;
    private TokenBucket? bucket;

    // Leases interleave with a settings write, so they read what is in force, never the state being written.
    private RateLimitConfiguration InForce => inForce ??= new(state.State.Settings, state.State.Ceilings, state.State.Version);

    private TokenBucket Bucket => bucket ??= new TokenBucket(time, InForce.Settings.TenantBurst, InForce.Settings.TenantCallsPerMinute);

    public Task<RateLimitConfiguration> GetSettingsAsync() => Task.FromResult(InForce);

    public Task<Change<RateLimitConfiguration>> SetSettingsAsync(RateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var violations = InForce.Ceilings.Violations(settings);
        return violations.Count > 0 ? throw new InvalidRequestException(violations) : ApplyAsync(settings, InForce.Ceilings);
    }

    public Task<Change<RateLimitConfiguration>> SetCeilingsAsync(RateLimitCeilings ceilings)
    {
        ArgumentNullException.ThrowIfNull(ceilings);
        var violations = ceilings.OwnViolations();
        return violations.Count > 0 ? throw new InvalidRequestException(violations) : ApplyAsync(ceilings.Clamp(InForce.Settings), ceilings);
    }

    public Task<RateLease> LeaseAsync(int requested)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requested, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requested, MaxLeaseBatch);
        var now = time.GetUtcNow();
        // No single lease takes more than a tenth of the burst, so one busy user cannot empty a small tenant's bucket.
        var granted = Bucket.TakeUpTo(Math.Min(requested, Math.Max(1, Bucket.Capacity / 10)));
        return Task.FromResult(new RateLease(
            granted,
            now + LeaseLifetime,
            granted == 0 ? Bucket.TimeUntilNextToken() : null,
            InForce.Version,
            InForce.Settings,
            ActiveSiteBackoffs(now)));
    }

    public Task ReportUpstreamThrottleAsync(string site, TimeSpan retryAfter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        var until = time.GetUtcNow() + TimeSpan.FromTicks(Math.Clamp(retryAfter.Ticks, 0, MaxSiteBackoff.Ticks));
        if (!siteBackoffs.TryGetValue(site, out var current) || current < until)
        {
            siteBackoffs[site] = until;
        }

        return Task.CompletedTask;
    }

    private async Task<Change<RateLimitConfiguration>> ApplyAsync(RateLimitSettings settings, RateLimitCeilings ceilings)
    {
        var before = InForce;
        var next = new RateLimitConfiguration(settings, ceilings, before.Version + 1);
        state.State.Settings = next.Settings;
        state.State.Ceilings = next.Ceilings;
        state.State.Version = next.Version;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Nothing unsaved may stay in force: the next call reloads from storage.
            DeactivateOnIdle();
            throw;
        }

        inForce = next;
        Bucket.Reconfigure(settings.TenantBurst, settings.TenantCallsPerMinute);
        return new(before, next);
    }

    private Dictionary<string, DateTimeOffset> ActiveSiteBackoffs(DateTimeOffset now)
    {
        foreach (var site in siteBackoffs.Where(backoff => backoff.Value <= now).Select(backoff => backoff.Key).ToList())
        {
            siteBackoffs.Remove(site);
        }

        return new Dictionary<string, DateTimeOffset>(siteBackoffs);
    }
}
