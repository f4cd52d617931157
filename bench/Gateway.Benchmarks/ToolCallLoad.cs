using System.Diagnostics;
using ModelContextProtocol.Client;

namespace Platform.Benchmarks;

/// <summary>Closed-loop load: each worker calls a tool, waits for the result, calls again, for a fixed time.</summary>
internal static class ToolCallLoad
{
    public static async Task<LoadResult> RunAsync(McpClient client, string tool, IReadOnlyDictionary<string, object?> arguments, int workers, TimeSpan duration)
    {
        var latencies = new List<double>[workers];
        var failures = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await client.CallToolAsync(tool, arguments);
                if (result.IsError == true)
                {
                    Interlocked.Increment(ref failures);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(list => list).Order().ToList();
        return new LoadResult(all.Count, failures, clock.Elapsed, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];
}
