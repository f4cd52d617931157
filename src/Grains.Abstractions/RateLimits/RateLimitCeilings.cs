namespace Platform.Grains.RateLimits;

/// <summary>The operator's maxima for one tenant's <see cref="RateLimitSettings"/>: an admin may set anything from 1 up to these.</summary>
[GenerateSerializer, Immutable, Alias("Platform.RateLimitCeilings")]
public sealed record RateLimitCeilings(
    [property: Id(0)] int TenantCallsPerMinute,
    [property: Id(1)] int TenantBurst,
    [property: Id(2)] int UserCallsPerMinute,
    [property: Id(3)] int UserBurst,
    [property: Id(4)] int UserToolCallsPerMinute,
    [property: Id(5)] int UserToolBurst,
    [property: Id(6)] int MaxConcurrentCallsPerUser)
{
    public static RateLimitCeilings Default { get; } = new(
        TenantCallsPerMinute: 60_000, TenantBurst: 10_000,
        UserCallsPerMinute: 1_200, UserBurst: 300,
        UserToolCallsPerMinute: 600, UserToolBurst: 200,
        MaxConcurrentCallsPerUser: 32);

    /// <summary>Every way <paramref name="settings"/> breaks these ceilings (or is not positive), as sentences by property; empty when it fits.</summary>
    public IReadOnlyDictionary<string, string[]> Violations(RateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Check(
        [
            (nameof(TenantCallsPerMinute), "tenant calls per minute", settings.TenantCallsPerMinute, TenantCallsPerMinute),
            (nameof(TenantBurst), "tenant burst", settings.TenantBurst, TenantBurst),
            (nameof(UserCallsPerMinute), "user calls per minute", settings.UserCallsPerMinute, UserCallsPerMinute),
            (nameof(UserBurst), "user burst", settings.UserBurst, UserBurst),
            (nameof(UserToolCallsPerMinute), "calls per minute of one tool by one user", settings.UserToolCallsPerMinute, UserToolCallsPerMinute),
            (nameof(UserToolBurst), "burst of one tool by one user", settings.UserToolBurst, UserToolBurst),
            (nameof(MaxConcurrentCallsPerUser), "concurrent calls per user", settings.MaxConcurrentCallsPerUser, MaxConcurrentCallsPerUser),
        ]);
    }

    /// <summary>Why these ceilings are unusable (a ceiling below 1), as sentences by property; empty when they are fine.</summary>
    public IReadOnlyDictionary<string, string[]> OwnViolations() => Check(
    [
        (nameof(TenantCallsPerMinute), "tenant calls per minute", TenantCallsPerMinute, int.MaxValue),
        (nameof(TenantBurst), "tenant burst", TenantBurst, int.MaxValue),
        (nameof(UserCallsPerMinute), "user calls per minute", UserCallsPerMinute, int.MaxValue),
        (nameof(UserBurst), "user burst", UserBurst, int.MaxValue),
        (nameof(UserToolCallsPerMinute), "calls per minute of one tool by one user", UserToolCallsPerMinute, int.MaxValue),
        (nameof(UserToolBurst), "burst of one tool by one user", UserToolBurst, int.MaxValue),
        (nameof(MaxConcurrentCallsPerUser), "concurrent calls per user", MaxConcurrentCallsPerUser, int.MaxValue),
    ]);

    /// <summary>The settings lowered to fit these ceilings: what stays in force when an operator lowers a ceiling.</summary>
    public RateLimitSettings Clamp(RateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(
            Math.Min(settings.TenantCallsPerMinute, TenantCallsPerMinute),
            Math.Min(settings.TenantBurst, TenantBurst),
            Math.Min(settings.UserCallsPerMinute, UserCallsPerMinute),
            Math.Min(settings.UserBurst, UserBurst),
            Math.Min(settings.UserToolCallsPerMinute, UserToolCallsPerMinute),
            Math.Min(settings.UserToolBurst, UserToolBurst),
            Math.Min(settings.MaxConcurrentCallsPerUser, MaxConcurrentCallsPerUser));
    }

    private static Dictionary<string, string[]> Check((string Property, string Name, int Value, int Ceiling)[] limits) =>
        limits.Where(limit => limit.Value < 1 || limit.Value > limit.Ceiling).ToDictionary(
            limit => limit.Property,
            limit => new[]
            {
                limit.Value < 1
                    ? $"The {limit.Name} must be at least 1 (was {limit.Value})."
                    : $"The {limit.Name} may be at most {limit.Ceiling}, the ceiling the operator set (was {limit.Value}).",
            });
}
