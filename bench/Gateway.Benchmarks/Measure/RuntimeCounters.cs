using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Platform.Benchmarks.Measure;

/// <summary>
/// The .NET runtime counters of another process (what <c>dotnet-counters</c> shows), read over EventPipe once a second:
/// bytes allocated and GC pause time between two instants (both incrementing counters: each interval's share counted
/// where a round starts or ends inside it), and the newest GC heap and working-set sizes.
/// </summary>
internal sealed class RuntimeCounters : IAsyncDisposable
{
    private readonly EventPipeSession session;
    private readonly EventPipeEventSource source;
    private readonly Task processing;
    private readonly ConcurrentQueue<(DateTime End, double Seconds, double Bytes)> allocations = new();
    private readonly ConcurrentQueue<(DateTime End, double Seconds, double Milliseconds)> pauses = new();
    private readonly ConcurrentDictionary<string, double> latest = new(StringComparer.Ordinal);

    private RuntimeCounters(int pid)
    {
        Pid = pid;
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false);
        source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += OnEvent;
        processing = Task.Run(source.Process);
    }

    public int Pid { get; }

    public static RuntimeCounters Attach(int pid) => new(pid);

    /// <summary>Bytes the process allocated between <paramref name="from"/> and <paramref name="to"/> (local times).</summary>
    public double AllocatedBytes(DateTime from, DateTime to) => Within(allocations, from, to);

    /// <summary>Time the GC paused the process between two instants.</summary>
    public TimeSpan GcPause(DateTime from, DateTime to) => TimeSpan.FromMilliseconds(Within(pauses, from, to));

    /// <summary>The newest value of a counter shown as a size in MB (<c>gc-heap-size</c>, <c>working-set</c>).</summary>
    public double LatestMegabytes(string counter) => latest.GetValueOrDefault(counter);

    /// <summary>Waits until the process has published the interval that contains now.</summary>
    public static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(1.5));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await session.StopAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is ServerNotAvailableException or EndOfStreamException or IOException or TimeoutException)
        {
            // The process is gone already.
        }

        await Task.WhenAny(processing, Task.Delay(TimeSpan.FromSeconds(2)));
        source.Dispose();
        session.Dispose();
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.EventName != "EventCounters" || data.PayloadValue(0) is not IDictionary<string, object> envelope
            || envelope["Payload"] is not IDictionary<string, object> payload || payload["Name"] is not string name)
        {
            return;
        }

        var at = data.TimeStamp;
        switch (name)
        {
            case "alloc-rate":
                allocations.Enqueue((at, Number(payload["IntervalSec"]), Number(payload["Increment"])));
                break;
            case "total-pause-time-by-gc":
                pauses.Enqueue((at, Number(payload["IntervalSec"]), Number(payload["Increment"])));
                break;
            default:
                if (payload.TryGetValue("Mean", out var mean))
                {
                    latest[name] = Number(mean);
                }

                break;
        }
    }

    private static double Number(object value) => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The sum of an incrementing counter's increments between two instants, each interval counted pro rata.</summary>
    private static double Within(IEnumerable<(DateTime End, double Seconds, double Increment)> intervals, DateTime from, DateTime to) =>
        intervals.Sum(interval => interval.Increment * Overlap(interval.End.AddSeconds(-interval.Seconds), interval.End, from, to) / interval.Seconds);

    private static double Overlap(DateTime start, DateTime end, DateTime from, DateTime to)
    {
        var overlap = (Min(end, to) - Max(start, from)).TotalSeconds;
        return Math.Max(0, overlap);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
