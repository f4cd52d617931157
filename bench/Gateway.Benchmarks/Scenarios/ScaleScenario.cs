using System.Diagnostics;
using System.Globalization;
using Platform.Benchmarks.Load;
using Platform.Benchmarks.Targets;
using Platform.Grains.ApiKeys;
using Platform.Grains.Connections;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Many tenants and users on one embedded gateway: seeding them through grains, one call per user to activate each,
/// the process's memory with all of them active, 2026-07-28 get_page calls spread over every user against the same
/// calls by one user (interleaved), and whether idle users' grains (connections and API keys) are collected once the load stops.
/// </summary>
internal sealed class ScaleScenario
{
    public const string Spread = "get_page, spread over all users";
    public const string One = "get_page, one user";

    public required int Users { get; init; }

    public required int Tenants { get; init; }

    public required TimeSpan Seeding { get; init; }

    public required RoundResult Activation { get; init; }

    public required long ResidentIdle { get; init; }

    public required long ResidentActive { get; init; }

    public required double HeapIdle { get; init; }

    public required double HeapActive { get; init; }

    /// <summary>Memory the GC had committed with all users active: its heap, the garbage not yet collected and its free space.</summary>
    public required double CommittedActive { get; init; }

    /// <summary>RSS and GC heap right after a full, blocking collection with all users still active: what they hold.</summary>
    public required long ResidentCollected { get; init; }

    public required double HeapCollected { get; init; }

    public required int ActiveUserGrains { get; init; }

    public required int ActiveKeyGrains { get; init; }

    public required int KeyGrainsAfterIdle { get; init; }

    public required int UserGrainsAfterIdle { get; init; }

    public required TimeSpan IdleWait { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<RoundResult>> Results { get; init; }

    public static async Task<ScaleScenario> RunAsync(BenchOptions options, SimulatorProcess simulator, HttpClient http, Action<RoundResult> report)
    {
        var quantum = TimeSpan.FromSeconds(Math.Max(1, options.IdleCollection.TotalSeconds / 4));
        await using var gateway = await GatewayTarget.StartEmbeddedAsync("scale", simulator, extra: new Dictionary<string, string>
        {
            ["Hosting__UserGrainIdleLifetime"] = options.IdleCollection.ToString("c", CultureInfo.InvariantCulture),
            ["Hosting__GrainCollectionQuantum"] = quantum.ToString("c", CultureInfo.InvariantCulture),
        });
        await RuntimeCountersSettle();
        var residentIdle = gateway.ResidentBytes;
        var heapIdle = gateway.Counters[0].LatestMegabytes("gc-heap-size");

        var seeder = new Seeder(gateway, simulator);
        var seeding = Stopwatch.StartNew();
        var seeded = await seeder.SeedAsync("scale", options.Tenants, options.UsersPerTenant);
        await seeder.ConnectAllAsync(seeded);
        seeding.Stop();
        var users = seeded.Select(pair => pair.User).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {options.Tenants} tenants and {users.Length} connected users through grains in {seeding.Elapsed.TotalSeconds:F0} s"));

        var mcp = new McpWire(http, gateway.Api.BaseAddress);
        // Every user once, in order: each user grain activates, fetches its policy and makes its first Confluence call.
        var activation = await ClosedLoop.RunAsync("activation: one get_page per user", options.Callers, TimeSpan.FromHours(1),
            CallTargets.EachUserOnce(mcp, simulator, users), gateway.Counters);
        report(activation);
        await RuntimeCountersSettle();
        var residentActive = gateway.ResidentBytes;
        var heapActive = gateway.Counters[0].LatestMegabytes("gc-heap-size");
        var committedActive = gateway.Counters[0].LatestMegabytes("gc-committed");
        var (active, activeKeys) = await UserAndKeyGrainsAsync(gateway);
        var management = gateway.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceGarbageCollection([.. (await management.GetHosts(onlyActive: true)).Keys]);
        // Two counter intervals: the first may have been sampled before the collection ended.
        await RuntimeCountersSettle();
        await RuntimeCountersSettle();
        var residentCollected = gateway.ResidentBytes;
        var heapCollected = gateway.Counters[0].LatestMegabytes("gc-heap-size");

        // Spread: a user picked by a hash of the call's number, so every call is likely another user's and another tenant's.
        Workload[] workloads =
        [
            new(CoreScenario.Named(Spread, options.Callers), options.Callers,
                CallTargets.GetPage(mcp, simulator, (_, sequence) => users[(int)((ulong)(sequence * 2654435761L) % (ulong)users.Length)]), gateway.Counters),
            new(CoreScenario.Named(One, options.Callers), options.Callers, CallTargets.GetPage(mcp, simulator, (_, _) => users[0]), gateway.Counters),
        ];
        var results = await Workload.InterleaveAsync(workloads, options, options.Rounds, report);

        // Idle: nothing calls any more; user grains past their idle lifetime are collected within a quantum or two.
        // Deactivating 100,000 grains takes a while, so the count is taken again each quantum, three more at most.
        var idle = Stopwatch.StartNew();
        await Task.Delay(options.IdleCollection + (3 * quantum));
        var (left, keysLeft) = await UserAndKeyGrainsAsync(gateway);
        while (left + keysLeft > 0 && idle.Elapsed < options.IdleCollection + (6 * quantum))
        {
            await Task.Delay(quantum);
            (left, keysLeft) = await UserAndKeyGrainsAsync(gateway);
        }

        return new ScaleScenario
        {
            Users = users.Length,
            Tenants = options.Tenants,
            Seeding = seeding.Elapsed,
            Activation = activation,
            ResidentIdle = residentIdle,
            ResidentActive = residentActive,
            HeapIdle = heapIdle,
            HeapActive = heapActive,
            CommittedActive = committedActive,
            ResidentCollected = residentCollected,
            HeapCollected = heapCollected,
            ActiveUserGrains = active,
            UserGrainsAfterIdle = left,
            ActiveKeyGrains = activeKeys,
            KeyGrainsAfterIdle = keysLeft,
            IdleWait = idle.Elapsed,
            Results = results,
        };
    }

    private static Task RuntimeCountersSettle() => Measure.RuntimeCounters.SettleAsync();

    /// <summary>Active user connection grains and API key grains.</summary>
    private static async Task<(int Users, int Keys)> UserAndKeyGrainsAsync(GatewayTarget gateway)
    {
        var statistics = await gateway.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        int Activations(Type grainClass) =>
            statistics.Where(statistic => statistic.GrainType.Contains(grainClass.Name, StringComparison.Ordinal)).Sum(statistic => statistic.ActivationCount);
        return (Activations(typeof(UserConnectionGrain)), Activations(typeof(ApiKeyGrain)));
    }
}
