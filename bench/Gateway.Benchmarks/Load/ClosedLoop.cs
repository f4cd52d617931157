using System.Diagnostics;
using System.Net.Sockets;
using Platform.Benchmarks.Measure;

namespace Platform.Benchmarks.Load;

/// <summary>
/// Closed-loop load: each caller sends a request, waits for its answer, and sends the next, until the round's time is
/// up. A call answers null when it did what it should, else the kind of error it was; exceptions are kinds too.
/// </summary>
internal static class ClosedLoop
{
    public delegate Task<string?> Call(int caller, long sequence, CancellationToken cancellationToken);

    /// <summary>What a call answers when there was nothing left to call (a pass over a fixed set ended): not counted.</summary>
    public const string NothingLeft = "\0nothing left";

    public static async Task<RoundResult> RunAsync(
        string name, int callers, TimeSpan duration, Call call, IReadOnlyList<RuntimeCounters> measured)
    {
        var loadBefore = Machine.LoadAverage();
        var cpuBefore = measured.Select(process => Machine.CpuTime(process.Pid)).ToArray();
        var startedAt = DateTime.Now;
        var clock = Stopwatch.StartNew();
        var latencies = new List<double>[callers];
        var errors = new Dictionary<string, int>[callers];
        var perSecond = new int[(int)Math.Ceiling(duration.TotalSeconds) + 120];
        long sequence = 0;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var mine = latencies[caller] = new List<double>(4096);
            var kinds = errors[caller] = new Dictionary<string, int>(StringComparer.Ordinal);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await call(caller, Interlocked.Increment(ref sequence), CancellationToken.None);
                }
                catch (Exception exception)
                {
                    error = KindOf(exception);
                }

                if (ReferenceEquals(error, NothingLeft))
                {
                    break;
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref perSecond[Math.Min(perSecond.Length - 1, (int)clock.Elapsed.TotalSeconds)]);
                if (error is not null)
                {
                    kinds[error] = kinds.GetValueOrDefault(error) + 1;
                }
            }
        })));
        var elapsed = clock.Elapsed;
        var endedAt = DateTime.Now;
        var cpu = measured.Select((process, i) => Machine.CpuTime(process.Pid) - cpuBefore[i]).Aggregate(TimeSpan.Zero, (sum, next) => sum + next);
        if (measured.Count > 0)
        {
            await RuntimeCounters.SettleAsync();
        }

        var all = latencies.SelectMany(list => list).Order().ToArray();
        var merged = errors.SelectMany(kinds => kinds).GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value), StringComparer.Ordinal);
        return new RoundResult(name, callers, all.Length, elapsed, Percentile(all, 0.50), Percentile(all, 0.90), Percentile(all, 0.99),
            merged, [.. perSecond.Take((int)Math.Ceiling(elapsed.TotalSeconds))], loadBefore, Machine.LoadAverage())
        {
            ProcessCpu = cpu,
            AllocatedBytes = measured.Sum(process => process.AllocatedBytes(startedAt, endedAt)),
            GcPause = measured.Aggregate(TimeSpan.Zero, (sum, process) => sum + process.GcPause(startedAt, endedAt)),
        };
    }

    /// <summary>Load whose figures nobody reads: tiered JIT and the caches get to their steady state.</summary>
    public static Task WarmUpAsync(int callers, TimeSpan duration, Call call) => RunAsync("warm-up", callers, duration, call, []);

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

    private static string KindOf(Exception exception) => exception switch
    {
        TaskCanceledException or OperationCanceledException => "timeout (no answer in 30 s)",
        HttpRequestException { InnerException: SocketException socket } => $"connection: {socket.SocketErrorCode}",
        HttpRequestException http => $"http: {http.HttpRequestError}",
        _ => $"exception: {exception.GetType().Name}",
    };
}
