namespace Platform.Grains.RateLimits;

/// <summary>A tenant's rate limits as the admin API shows them: what is in force, the ceilings, and a version that grows on every change.</summary>
[GenerateSerializer, Immutable, Alias("Platform.RateLimitConfiguration")]
public sealed record RateLimitConfiguration(
    [property: Id(0)] RateLimitSettings Settings,
    [property: Id(1)] RateLimitCeilings Ceilings,
    [property: Id(2)] long Version);
