namespace Platform.Benchmarks.Load;

/// <summary>
/// One measured round of closed-loop load: calls completed, latency percentiles (ms), each error by kind, and what the
/// measured processes spent (CPU, allocations, GC pauses) while it ran, with the machine's load average around it.
/// </summary>
internal sealed record RoundResult(
    string Name,
    int Callers,
    int Calls,
    TimeSpan Elapsed,
    double P50,
    double P90,
    double P99,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyList<int> CallsPerSecond,
    double LoadBefore,
    double LoadAfter)
{
    public double Throughput => Calls / Elapsed.TotalSeconds;

    public int ErrorCount => Errors.Values.Sum();

    /// <summary>CPU time of the measured processes (the gateway's) during the round.</summary>
    public TimeSpan ProcessCpu { get; init; }

    /// <summary>Bytes the measured processes allocated during the round.</summary>
    public double AllocatedBytes { get; init; }

    public TimeSpan GcPause { get; init; }

    public double CpuMsPerCall => Calls == 0 ? 0 : ProcessCpu.TotalMilliseconds / Calls;

    public double KilobytesPerCall => Calls == 0 ? 0 : AllocatedBytes / 1024 / Calls;

    public double GcPausePercent => 100 * GcPause.TotalSeconds / Elapsed.TotalSeconds;
}
