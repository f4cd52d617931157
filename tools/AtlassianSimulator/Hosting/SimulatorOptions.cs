namespace AtlassianSimulator.Hosting;

/// <summary>Token lifetimes and rules of the authorization server (section "OAuth").</summary>
public sealed class OAuthOptions
{
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;
    public int AuthorizationCodeLifetimeSeconds { get; set; } = 600;
    public int RefreshReuseLeewaySeconds { get; set; } = 600;
    public int RefreshInactivityDays { get; set; } = 90;
    public int RefreshAbsoluteDays { get; set; } = 365;
}

/// <summary>Per-(site, app) quotas (section "RateLimit").</summary>
public sealed class RateLimitOptions
{
    /// <summary>Points per site and app per hour; 0 disables the quota.</summary>
    public int HourlyPoints { get; set; } = 65_000;

    /// <summary>Requests per second per site and caller; 0 disables the burst limit.</summary>
    public int BurstPerSecond { get; set; }

    /// <summary>Requests in flight per site and caller; 0 disables the limit.</summary>
    public int MaxConcurrent { get; set; }
}

/// <summary>Sizes of the deterministic seed (section "Seed").</summary>
public sealed class SeedOptions
{
    public int Seed { get; set; } = 42;
    public int Sites { get; set; } = 1;
    public int Users { get; set; } = 5;
    public int Groups { get; set; } = 2;
    public int Spaces { get; set; } = 3;
    public int RestrictedSpaces { get; set; } = 1;
    public int Pages { get; set; } = 30;
    public int BlogPosts { get; set; } = 5;
    public int CommentsPerPage { get; set; } = 1;
    public int LabelsPerPage { get; set; } = 2;
    public int AttachmentsPerPage { get; set; } = 1;
}
