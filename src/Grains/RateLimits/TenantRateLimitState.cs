namespace Platform.Grains.RateLimits;

/// <summary>Persisted state of <see cref="TenantRateLimitGrain"/>: only what admins and operators set. Stored as plain JSON.</summary>
[GenerateSerializer, Alias("Platform.TenantRateLimitState")]
public sealed class TenantRateLimitState
{
    [Id(0)]
    public RateLimitSettings Settings { get; set; } = RateLimitSettings.Default;

    [Id(1)]
    public RateLimitCeilings Ceilings { get; set; } = RateLimitCeilings.Default;

    /// <summary>Grows on every change, so user grains that cache the settings notice one.</summary>
    [Id(2)]
    public long Version { get; set; }
}
