using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults;

/// <summary>How a process leaves service on SIGTERM. Section <c>Shutdown</c>.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// How long the process keeps serving after SIGTERM while <c>/health/ready</c> already fails, so load balancers that
    /// follow readiness stop sending it requests before it stops accepting them. Zero where nothing routes by readiness
    /// (Kubernetes takes a terminating pod out of its Service's endpoints by itself; give it the propagation time here).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;
}
