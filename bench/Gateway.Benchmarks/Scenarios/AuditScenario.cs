using Platform.Benchmarks.Load;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Benchmarks.Targets;
using Platform.Grains.Identity;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// What the PostgreSQL audit log costs a call: two embedded gateways alike but for the audit sink (none, PostgreSQL with
/// the audit writer role and group commit), the same get_page load on each, alternating for twice the usual rounds.
/// </summary>
internal static class AuditScenario
{
    public const string Off = "get_page, audit off";
    public const string Postgres = "get_page, audit on PostgreSQL";

    /// <summary>
    /// Each gateway warms up for this many times the usual warm-up: with 15 s, the audit-on gateway's rounds still rose
    /// through the first two (3,788 to 4,508 calls/s) while the audit-off ones were level; with 45 s both were level.
    /// </summary>
    public const int WarmUpFactor = 3;

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<RoundResult>>> RunAsync(
        BenchOptions options, SimulatorProcess simulator, PostgresFixture postgres, HttpClient http, Action<RoundResult> report)
    {
        var database = await postgres.CreateMigratedDatabaseWithRolesAsync();
        await using var off = await GatewayTarget.StartEmbeddedAsync("audit off", simulator, audit: "off");
        await using var on = await GatewayTarget.StartEmbeddedAsync("audit on PostgreSQL", simulator, audit: "postgres", auditWriter: database.AuditWriter);
        var workloads = new List<Workload>();
        foreach (var (name, gateway) in new[] { (Off, off), (Postgres, on) })
        {
            var seeder = new Seeder(gateway, simulator);
            var user = (await seeder.TenantAsync(TenantId.Parse("bench"), [UserId.Parse("bench-user")]))[0];
            await seeder.ConnectAsync(user, await seeder.GrantAsync(user));
            var mcp = new McpWire(http, gateway.Api.BaseAddress);
            var sessions = await Task.WhenAll(Enumerable.Range(0, options.Callers).Select(_ => mcp.StartSessionAsync(user)));
            workloads.Add(new Workload(CoreScenario.Named(name, options.Callers), options.Callers,
                CallTargets.GetPage(mcp, simulator, (_, _) => user, sessions), gateway.Counters));
        }

        return await Workload.InterleaveAsync(workloads, options with { WarmUp = options.WarmUp * WarmUpFactor }, options.Rounds * 2, report);
    }
}
