using System.Globalization;
using Platform.Benchmarks.Load;
using Platform.Benchmarks.Measure;
using Platform.Benchmarks.Scenarios;

namespace Platform.Benchmarks;

/// <summary>Prints each round as it ends, and at the end one table with every target of issue 15, measured in this run.</summary>
internal sealed class Report(BenchOptions options)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<string> rows = [];
    private readonly List<string> failures = [];

    /// <summary>
    /// What went wrong, as opposed to slow: a call that failed (any error kind) or a token refreshed other than once.
    /// The smoke run fails on these and never on a figure.
    /// </summary>
    public IReadOnlyList<string> Failures => failures;

    public void Header()
    {
        Console.WriteLine(string.Create(Invariant, $"Gateway benchmark: {Machine.Cores} cores, load average {Machine.LoadAverage():F2} at start; "
            + $"rounds of {options.Round.TotalSeconds:F0} s after {options.WarmUp.TotalSeconds:F0} s of warm-up per workload{(options.Smoke ? " (smoke run: figures mean nothing)" : "")}"));
        Console.WriteLine("| round | callers | calls | calls/s | p50 ms | p90 ms | p99 ms | CPU ms/call | KB/call | GC pause % | load avg | errors by kind |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    }

    public void Round(RoundResult r)
    {
        Console.WriteLine(string.Create(Invariant,
            $"| {r.Name} | {r.Callers} | {r.Calls} | {r.Throughput:F0} | {r.P50:F2} | {r.P90:F2} | {r.P99:F2} | {r.CpuMsPerCall:F3} | {r.KilobytesPerCall:F1} | "
            + $"{r.GcPausePercent:F1} | {r.LoadBefore:F1}→{r.LoadAfter:F1} | {Errors(r)} |"));
        if (r.ErrorCount > 0)
        {
            failures.Add($"{r.Name}: {Errors(r)}");
        }
    }

    public void Core(CoreScenario core)
    {
        var results = core.Results;
        IReadOnlyList<RoundResult> Of(string workload, int callers) => results[CoreScenario.Named(workload, callers)];
        var direct = Of(CoreScenario.Direct, options.Callers);
        var session = Of(CoreScenario.Session, options.Callers);
        var stateless = Of(CoreScenario.Stateless, options.Callers);
        var direct1 = Of(CoreScenario.Direct, 1);
        var session1 = Of(CoreScenario.Session, 1);
        Add($"`tools/call` throughput vs the same request sent directly to the simulator, {options.Callers} callers", "≥ 0.5×",
            $"{Ratio(session, direct)} (sessions: {session.MedianOf(r => r.Throughput):F0} vs {direct.MedianOf(r => r.Throughput):F0} calls/s); "
            + $"2026-07-28 stateless {Ratio(stateless, direct)}");
        Add("gateway-added latency at 1 caller, p50 / p99", "≤ 0.3 / ≤ 1 ms",
            $"{session1.MedianOf(r => r.P50) - direct1.MedianOf(r => r.P50):F2} / {session1.MedianOf(r => r.P99) - direct1.MedianOf(r => r.P99):F2} ms "
            + $"(gateway {session1.MedianOf(r => r.P50):F2} / {session1.MedianOf(r => r.P99):F2}, direct {direct1.MedianOf(r => r.P50):F2} / {direct1.MedianOf(r => r.P99):F2})");
        Add("CPU and allocation per call", "≤ 0.25 ms, ≤ 20 KB",
            $"{session.MedianOf(r => r.CpuMsPerCall):F3} ms, {session.MedianOf(r => r.KilobytesPerCall):F1} KB (GC pauses {session.MedianOf(r => r.GcPausePercent):F1} % of wall time; "
            + $"stateless {stateless.MedianOf(r => r.CpuMsPerCall):F3} ms, {stateless.MedianOf(r => r.KilobytesPerCall):F1} KB; simulator alone {direct.MedianOf(r => r.CpuMsPerCall):F3} ms, {direct.MedianOf(r => r.KilobytesPerCall):F1} KB)");
        Add("memory growth of a long-running embedded process", "bounded, cap said at start",
            $"RSS {Mb(core.ResidentBefore)} → {Mb(core.ResidentAfter)} MB, GC heap {core.HeapBefore:F0} → {core.HeapAfter:F0} MB over {core.GatewayCalls} calls "
            + $"({(core.ResidentAfter - core.ResidentBefore) / (double)Math.Max(1, core.GatewayCalls):F0} B/call); cap said at start: "
            + (core.AuditNotice is { } notice ? $"\"{notice.Trim()}\"" : "NOT SAID"));
        var list = Of(CoreScenario.List, options.ListCallers);
        var list1 = Of(CoreScenario.List, 1);
        Add($"`tools/list` at {options.ListCallers} callers; p99 at 1 caller", "≥ 5,000/s, p99 ≤ 1 ms",
            $"{list.MedianOf(r => r.Throughput):F0}/s; p99 {list1.MedianOf(r => r.P99):F2} ms (p50 {list1.MedianOf(r => r.P50):F2} ms)");
    }

    public void Audit(IReadOnlyDictionary<string, IReadOnlyList<RoundResult>> results)
    {
        var off = results[CoreScenario.Named(AuditScenario.Off, options.Callers)];
        var on = results[CoreScenario.Named(AuditScenario.Postgres, options.Callers)];
        var costs = Rounds.Ratios(on, off, r => r.Throughput).Select(ratio => 100 * (1 - ratio)).ToArray();
        Add("throughput cost of the PostgreSQL audit log", "≤ 10 %",
            $"{costs.Median():F1} % (median of {costs.Length} alternating pairs; pairs ranged {costs.Min():F1} … {costs.Max():F1} %; "
            + $"p50 {on.MedianOf(r => r.P50) - off.MedianOf(r => r.P50):F2} ms more; "
            + $"after {(options.WarmUp * AuditScenario.WarmUpFactor).TotalSeconds:F0} s of warm-up per gateway)");
    }

    public void Cluster(IReadOnlyDictionary<string, IReadOnlyList<RoundResult>> results)
    {
        var cluster = results[CoreScenario.Named(ClusterScenario.Cluster, options.Callers)];
        var embedded = results[CoreScenario.Named(ClusterScenario.Embedded, options.Callers)];
        Add("cluster mode (2 silos + 1 Api on PostgreSQL) vs embedded, same load", "≥ 0.7×",
            $"{Ratio(cluster, embedded)} ({cluster.MedianOf(r => r.Throughput):F0} vs {embedded.MedianOf(r => r.Throughput):F0} calls/s; cluster CPU {cluster.MedianOf(r => r.CpuMsPerCall):F3} ms/call over its 3 processes)");
    }

    public void Scale(ScaleScenario scale)
    {
        var spread = scale.Results[CoreScenario.Named(ScaleScenario.Spread, options.Callers)];
        var one = scale.Results[CoreScenario.Named(ScaleScenario.One, options.Callers)];
        Add($"calls spread over {scale.Users:N0} connected users in {scale.Tenants:N0} tenants vs one user", "within 10 %",
            $"{Ratio(spread, one)} ({spread.MedianOf(r => r.Throughput):F0} vs {one.MedianOf(r => r.Throughput):F0} calls/s; p99 {spread.MedianOf(r => r.P99):F1} vs {one.MedianOf(r => r.P99):F1} ms); "
            + $"seeded through grains in {scale.Seeding.TotalSeconds:F0} s");
        Add($"memory of {scale.Users:N0} activated users", "≤ 2 GiB, idle ones collected",
            $"RSS {Mb(scale.ResidentIdle)} → {Mb(scale.ResidentActive)} MB, GC heap {scale.HeapIdle:F0} → {scale.HeapActive:F0} MB "
            + $"({(scale.ResidentActive - scale.ResidentIdle) / (double)scale.Users / 1024:F1} KB/user, GC committed {scale.CommittedActive:F0} MB); "
            + $"after a full collection RSS {Mb(scale.ResidentCollected)} MB, GC heap {scale.HeapCollected:F0} MB; user grains {scale.ActiveUserGrains:N0} active → "
            + $"{scale.UserGrainsAfterIdle:N0}, API key grains {scale.ActiveKeyGrains:N0} → {scale.KeyGrainsAfterIdle:N0}, after {scale.IdleWait.TotalSeconds:F0} s idle");
    }

    public void Storm(StormScenario storm)
    {
        if (storm.RefreshedOnce != storm.Tokens)
        {
            failures.Add($"expiry storm: {storm.Summary()}");
        }

        Add($"{storm.Tokens:N0} tokens expiring at the same moment", "each refreshed exactly once; dip measured", storm.Summary());
    }

    public void Targets()
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(Invariant, $"Targets of issue 15, {Machine.Cores} cores, load average {Machine.LoadAverage():F2} at the end"));
        Console.WriteLine("| what | target | measured |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        foreach (var failure in failures)
        {
            Console.WriteLine($"FAILED: {failure}");
        }
    }

    private void Add(string what, string target, string measured) => rows.Add($"| {what} | {target} | {measured} |");

    /// <summary>Three decimals for the median: a ratio of 0.696 printed as "0.70×" would read as meeting a 0.7 target.</summary>
    private static string Ratio(IReadOnlyList<RoundResult> numerator, IReadOnlyList<RoundResult> denominator)
    {
        var ratios = Rounds.Ratios(numerator, denominator, r => r.Throughput);
        return string.Create(Invariant, $"{ratios.Median():F3}× (rounds {string.Join(", ", ratios.Select(ratio => ratio.ToString("F2", Invariant)))})");
    }

    private static string Errors(RoundResult r) => r.ErrorCount == 0
        ? "none"
        : string.Join("; ", r.Errors.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Value} × {pair.Key.Replace('|', '/')}"));

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", Invariant);
}
