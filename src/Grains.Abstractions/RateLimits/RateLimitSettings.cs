namespace Platform.Grains.RateLimits;

/// <summary>
/// A tenant's rate limits, set by its admins within the operator's <see cref="RateLimitCeilings"/>. Each rate is a token
/// bucket: <c>…PerMinute</c> refills continuously, <c>…Burst</c> is how many calls may come at once after a quiet spell.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.RateLimitSettings")]
public sealed record RateLimitSettings(
    [property: Id(0)] int TenantCallsPerMinute,
    [property: Id(1)] int TenantBurst,
    [property: Id(2)] int UserCallsPerMinute,
    [property: Id(3)] int UserBurst,
    [property: Id(4)] int UserToolCallsPerMinute,
    [property: Id(5)] int UserToolBurst,
    [property: Id(6)] int MaxConcurrentCallsPerUser)
{
    public static RateLimitSettings Default { get; } = new(
        TenantCallsPerMinute: 6_000, TenantBurst: 1_000,
        UserCallsPerMinute: 120, UserBurst: 30,
        UserToolCallsPerMinute: 60, UserToolBurst: 20,
        MaxConcurrentCallsPerUser: 8);
}
