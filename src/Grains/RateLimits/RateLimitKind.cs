namespace Platform.Grains.RateLimits;

/// <summary>Which limit refused a call, in the order <see cref="UserCallLimiter"/> checks them.</summary>
public enum RateLimitKind
{
    /// <summary>The Confluence site answered 429/503 with Retry-After to someone in the tenant; it is left alone until then.</summary>
    SiteBackoff,

    /// <summary>The user already has the maximum number of calls in flight.</summary>
    Concurrency,

    /// <summary>The user called this one tool too often.</summary>
    UserTool,

    /// <summary>The user called too often.</summary>
    User,

    /// <summary>The whole tenant called too often.</summary>
    Tenant,
}
