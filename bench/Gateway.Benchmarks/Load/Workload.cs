using Platform.Benchmarks.Measure;

namespace Platform.Benchmarks.Load;

/// <summary>A named closed-loop load on one target: how many callers, what each call is, whose processes it measures.</summary>
internal sealed record Workload(string Name, int Callers, ClosedLoop.Call Call, IReadOnlyList<RuntimeCounters> Measured)
{
    public Task<RoundResult> RunAsync(TimeSpan duration, int round) => ClosedLoop.RunAsync($"{Name}, round {round}", Callers, duration, Call, Measured);

    /// <summary>
    /// Warms every workload up for the whole warm-up (a fresh target, such as the cluster's three processes, needs all of
    /// it for tiered JIT and the collector's heap count to settle), then runs rounds of all of them interleaved (round 1
    /// of each, then round 2 of each…), so a change in the machine's load touches every workload alike. Answers each
    /// workload's rounds.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<RoundResult>>> InterleaveAsync(
        IReadOnlyList<Workload> workloads, BenchOptions options, int rounds, Action<RoundResult> report)
    {
        foreach (var workload in workloads)
        {
            await ClosedLoop.WarmUpAsync(workload.Callers, options.WarmUp, workload.Call);
        }

        var results = workloads.ToDictionary(workload => workload.Name, _ => new List<RoundResult>(), StringComparer.Ordinal);
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var workload in workloads)
            {
                var result = await workload.RunAsync(options.Round, round);
                results[workload.Name].Add(result);
                report(result);
            }
        }

        return results.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<RoundResult>)pair.Value, StringComparer.Ordinal);
    }
}
