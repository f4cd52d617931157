using Platform.Benchmarks.Load;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Benchmarks.Targets;
using Platform.Grains.Identity;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Cluster mode (2 silos and 1 Api on PostgreSQL, mutual TLS, audit on PostgreSQL) against the embedded gateway under
/// the same get_page load, interleaved.
/// </summary>
internal static class ClusterScenario
{
    public const string Cluster = "get_page, cluster (2 silos + 1 Api)";
    public const string Embedded = "get_page, embedded";

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<RoundResult>>> RunAsync(
        BenchOptions options, SimulatorProcess simulator, PostgresFixture postgres, GatewayTarget embedded, CoreScenario core, HttpClient http,
        Action<RoundResult> report)
    {
        await using var cluster = await GatewayTarget.StartClusterAsync("cluster", simulator, postgres);
        var seeder = new Seeder(cluster, simulator);
        var user = (await seeder.TenantAsync(TenantId.Parse("bench"), [UserId.Parse("bench-user")]))[0];
        await seeder.ConnectAsync(user, await seeder.GrantAsync(user));
        var clusterMcp = new McpWire(http, cluster.Api.BaseAddress);
        var sessions = await Task.WhenAll(Enumerable.Range(0, options.Callers).Select(_ => clusterMcp.StartSessionAsync(user)));
        var embeddedMcp = new McpWire(http, embedded.Api.BaseAddress);
        Workload[] workloads =
        [
            new(CoreScenario.Named(Cluster, options.Callers), options.Callers, CallTargets.GetPage(clusterMcp, simulator, (_, _) => user, sessions), cluster.Counters),
            new(CoreScenario.Named(Embedded, options.Callers), options.Callers,
                CallTargets.GetPage(embeddedMcp, simulator, (_, _) => core.User, core.Sessions), embedded.Counters),
        ];
        return await Workload.InterleaveAsync(workloads, options, options.Rounds, report);
    }
}
