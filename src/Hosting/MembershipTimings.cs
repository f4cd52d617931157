namespace Platform.Hosting;

/// <summary>
/// The subset of Orleans membership timings an operator may tune (section <c>Hosting:Membership</c>); a null silo timing
/// keeps the Orleans default.
/// </summary>
public sealed class MembershipTimings
{
    public TimeSpan? ProbeTimeout { get; set; }

    public int? NumMissedProbesLimit { get; set; }

    public TimeSpan? IAmAliveTablePublishTimeout { get; set; }

    public TimeSpan? TableRefreshTimeout { get; set; }

    /// <summary>
    /// How often an Api process re-reads the list of silos from the membership table. Orleans' default of a minute is
    /// too slow for a rolling upgrade: a silo that leaves tells its clients to go elsewhere, and a client that does not
    /// yet know the silo that replaced it has nowhere else to go.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);
}
