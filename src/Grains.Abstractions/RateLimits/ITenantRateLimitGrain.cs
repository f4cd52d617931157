using Orleans.Concurrency;

namespace Platform.Grains.RateLimits;

/// <summary>
/// A tenant's rate limits, cluster-wide: its settings within the operator's ceilings, the tenant token bucket that
/// user grains lease from in batches, and which Confluence sites asked the tenant to back off.
/// Key: <see cref="GrainKeys.ForTenant"/>.
/// </summary>
[Alias("Platform.ITenantRateLimitGrain")]
public interface ITenantRateLimitGrain : IGrainWithStringKey
{
    [Alias("GetSettings"), ReadOnly]
    Task<RateLimitConfiguration> GetSettingsAsync();

    /// <summary>
    /// Tenant admin: sets the limits. Outside the ceilings it throws <see cref="Refusals.InvalidRequestException"/> (by
    /// property) and changes nothing.
    /// </summary>
    [Alias("SetSettings")]
    Task<Change<RateLimitConfiguration>> SetSettingsAsync(RateLimitSettings settings);

    /// <summary>Operator: sets the ceilings (each at least 1, else refused by property). Settings above a lowered ceiling are lowered to it.</summary>
    [Alias("SetCeilings")]
    Task<Change<RateLimitConfiguration>> SetCeilingsAsync(RateLimitCeilings ceilings);

    /// <summary>
    /// Takes up to <paramref name="requested"/> tokens from the tenant bucket for a user grain to spend locally.
    /// Interleaves: it only touches memory, so it never waits behind a settings write.
    /// </summary>
    [Alias("Lease"), AlwaysInterleave]
    Task<RateLease> LeaseAsync(int requested);

    /// <summary>A user grain saw Confluence <paramref name="site"/> answer 429/503: every user of the tenant holds off it until then.</summary>
    [Alias("ReportUpstreamThrottle"), AlwaysInterleave]
    Task ReportUpstreamThrottleAsync(string site, TimeSpan retryAfter);
}
