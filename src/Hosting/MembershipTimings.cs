namespace Platform.Hosting;

/// <summary>The subset of Orleans membership timings an operator may tune; null keeps the Orleans default.</summary>
public sealed class MembershipTimings
{
    public TimeSpan? ProbeTimeout { get; set; }

    public int? NumMissedProbesLimit { get; set; }

    public TimeSpan? IAmAliveTablePublishTimeout { get; set; }

    public TimeSpan? TableRefreshTimeout { get; set; }
}
