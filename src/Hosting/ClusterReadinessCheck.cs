using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Grains;

namespace Platform.Hosting;

/// <summary>
/// Ready when a real call through this process's Orleans client reaches a silo that answers. The call touches no
/// storage, so a database outage leaves every process in service, answering clear errors rather than none.
/// </summary>
internal sealed class ClusterReadinessCheck(IClusterClient client) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetClusterProbeGrain().PingAsync().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy("A silo answered.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster cannot be reached.", exception);
        }
    }
}
