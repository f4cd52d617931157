using Orleans.Concurrency;

namespace Platform.Grains.Health;

/// <summary>A worker on every silo, so a probe is answered by the silo it reaches, without a directory lookup.</summary>
[StatelessWorker]
public sealed class ClusterProbeGrain : Grain, IClusterProbeGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
