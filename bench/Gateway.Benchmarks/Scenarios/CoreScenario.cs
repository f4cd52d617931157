using Platform.Benchmarks.Load;
using Platform.Benchmarks.Measure;
using Platform.Benchmarks.Targets;
using Platform.Grains.Identity;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The embedded gateway as shipped (in-memory audit log) against the simulator, one user: get_page through MCP sessions
/// and 2026-07-28 stateless calls, tools/list, and the same page read straight from the simulator, at 32 callers and at
/// one, interleaved. Also how the process's memory moved over all those calls.
/// </summary>
internal sealed class CoreScenario
{
    public const string Direct = "direct to simulator";
    public const string Session = "get_page, MCP session";
    public const string Stateless = "get_page, 2026-07-28 stateless";
    public const string List = "tools/list, MCP session";

    public required IReadOnlyDictionary<string, IReadOnlyList<RoundResult>> Results { get; init; }

    public required long ResidentBefore { get; init; }

    public required long ResidentAfter { get; init; }

    public required double HeapBefore { get; init; }

    public required double HeapAfter { get; init; }

    public required long GatewayCalls { get; init; }

    /// <summary>What the process said at start about its in-memory audit log (the cap), or null when it said nothing.</summary>
    public required string? AuditNotice { get; init; }

    public required SeededUser User { get; init; }

    public required IReadOnlyList<string> Sessions { get; init; }

    public static string Named(string workload, int callers) => $"{workload}, {callers} caller{(callers == 1 ? "" : "s")}";

    public static async Task<CoreScenario> RunAsync(BenchOptions options, SimulatorProcess simulator, GatewayTarget gateway, HttpClient http, Action<RoundResult> report)
    {
        var seeder = new Seeder(gateway, simulator);
        var user = (await seeder.TenantAsync(TenantId.Parse("bench"), [UserId.Parse("bench-user")]))[0];
        var grant = await seeder.GrantAsync(user);
        await seeder.ConnectAsync(user, grant);
        var mcp = new McpWire(http, gateway.Api.BaseAddress);
        var sessions = await Task.WhenAll(Enumerable.Range(0, options.Callers).Select(_ => mcp.StartSessionAsync(user)));
        long gatewayCalls = 0;
        ClosedLoop.Call Counted(ClosedLoop.Call call) => (caller, sequence, cancellationToken) =>
        {
            Interlocked.Increment(ref gatewayCalls);
            return call(caller, sequence, cancellationToken);
        };

        var measured = gateway.Counters;
        var direct = CallTargets.Direct(http, simulator, grant.Tokens.AccessToken);
        var session = Counted(CallTargets.GetPage(mcp, simulator, (_, _) => user, sessions));
        var stateless = Counted(CallTargets.GetPage(mcp, simulator, (_, _) => user));
        var list = Counted(CallTargets.ListTools(mcp, user, sessions));
        Workload[] workloads =
        [
            new(Named(Direct, options.Callers), options.Callers, direct, [simulator.Counters]),
            new(Named(Session, options.Callers), options.Callers, session, measured),
            new(Named(Stateless, options.Callers), options.Callers, stateless, measured),
            new(Named(List, options.ListCallers), options.ListCallers, list, measured),
            new(Named(Direct, 1), 1, direct, [simulator.Counters]),
            new(Named(Session, 1), 1, session, measured),
            new(Named(List, 1), 1, list, measured),
        ];
        await RuntimeCounters.SettleAsync();
        var residentBefore = gateway.ResidentBytes;
        var heapBefore = gateway.Counters[0].LatestMegabytes("gc-heap-size");
        var results = await Workload.InterleaveAsync(workloads, options, options.Rounds, report);
        return new CoreScenario
        {
            Results = results,
            ResidentBefore = residentBefore,
            ResidentAfter = gateway.ResidentBytes,
            HeapBefore = heapBefore,
            HeapAfter = gateway.Counters[0].LatestMegabytes("gc-heap-size"),
            GatewayCalls = Interlocked.Read(ref gatewayCalls),
            AuditNotice = gateway.Api.Output.Split('\n').FirstOrDefault(line => line.Contains("audit log is in memory", StringComparison.Ordinal)),
            User = user,
            Sessions = sessions,
        };
    }
}
