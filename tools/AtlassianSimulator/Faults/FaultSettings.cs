namespace AtlassianSimulator.Faults;

/// <summary>Faults injected into API traffic; replaced as a whole by the control endpoint.</summary>
public sealed record FaultSettings
{
    /// <summary>Extra latency added before every API and token request.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Share (0..1) of API requests that fail with <see cref="ErrorStatus"/>.</summary>
    public double ErrorRate { get; init; }
    public int ErrorStatus { get; init; } = 500;

    /// <summary>The next N API requests answer 429 with Retry-After.</summary>
    public int RateLimitStormRequests { get; init; }
    public int RetryAfterSeconds { get; init; } = 5;

    /// <summary>The token endpoint answers 503 while set.</summary>
    public bool TokenEndpointDown { get; init; }

    /// <summary>Refresh failures use the other answer seen in the field: 403 unauthorized_client "refresh_token is invalid".</summary>
    public bool RefreshErrorAsUnauthorizedClient { get; init; }

    /// <summary>
    /// A hostile or corrupt site: the descendants listing of this page (its numeric id) also lists the page itself, as
    /// its own child, so a client walking the tree by parent ids meets a cycle. Real Confluence never answers so.
    /// </summary>
    public string? SelfDescendantPageId { get; init; }
}
