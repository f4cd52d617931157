using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Npgsql;
using Platform.Audit;
using Platform.Benchmarks;
using Platform.Database;
using Platform.Demo;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.RateLimits;

// What auditing costs a tool call: the same closed-loop MCP load (get_page through the embedded gateway against the
// simulator) with audit off, then with the PostgreSQL audit log (group commit), in one run.
//   dotnet run -c Release --project bench/Gateway.Benchmarks -- --postgres "<connection string>" [--seconds 20] [--workers 32]
//   dotnet run -c Release --project bench/Gateway.Benchmarks -- --token-validation [--iterations 50000]
if (args is ["--token-validation", .. var rest])
{
    var iterations = rest is ["--iterations", var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 50_000;
    await TokenValidationBench.RunAsync(iterations);
    return;
}

var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
var postgres = options.GetValueOrDefault("--postgres") ?? throw new ArgumentException("--postgres <connection string> is required.");
var duration = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("--seconds", "20"), CultureInfo.InvariantCulture));
var workers = int.Parse(options.GetValueOrDefault("--workers", "32"), CultureInfo.InvariantCulture);
// Modes alternate for several rounds: the first runs pay for JIT and tiering, so the cost is read off the last round.
var rounds = int.Parse(options.GetValueOrDefault("--rounds", "2"), CultureInfo.InvariantCulture);

await using (var database = NpgsqlDataSource.Create(postgres))
{
    await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
}

var modes = new (string Name, Action<IServiceCollection> AuditServices)[]
{
    ("audit off", services => services.AddSingleton<IAuditLog, DiscardingAuditLog>()),
    ("audit on (PostgreSQL)", services =>
    {
        services.AddPostgresAuditLog();
        services.Configure<AuditOptions>(audit => audit.WriterConnectionString = postgres);
        services.Configure<AuditChainKeyOptions>(ring => (ring.Keys, ring.ActiveKeyId) = (AuditChain.GenerateKeyRing("bench").Keys, "bench"));
    }),
};
var results = new List<(string Name, LoadResult Result)>();
foreach (var (name, auditServices) in Enumerable.Range(1, rounds).SelectMany(round => modes.Select(mode => ($"{mode.Name}, round {round}", mode.AuditServices))))
{
    await using var playground = await Playground.StartAsync(apiArguments: ["--Logging:LogLevel:Default", "Error"], overrideApiServices: auditServices);
    var tenant = await playground.CreateTenantAsync(TenantId.Parse($"bench-{Guid.NewGuid():N}"[..20]), "Benchmark");
    await playground.ActivateWithAllToolsAsync(tenant);
    var limits = playground.Grains.GetTenantRateLimitGrain(tenant);
    var unlimited = new RateLimitCeilings(1_000_000, 100_000, 1_000_000, 100_000, 1_000_000, 100_000, 1_000);
    await limits.SetCeilingsAsync(unlimited);
    await limits.SetSettingsAsync(new RateLimitSettings(1_000_000, 100_000, 1_000_000, 100_000, 1_000_000, 100_000, 1_000));
    var user = UserId.Parse("bench-user");
    await playground.AddUserAsync(tenant, user);
    await playground.ConnectAsync(tenant, user, await playground.CreateAtlassianAccountAsync());
    var key = await playground.IssueKeyAsync(tenant, user);
    var pageId = (await SeededSite.ReadAsync(playground.Simulator)).HomepageId;

    await using var client = await McpClient.CreateAsync(
        new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = playground.McpUrl(tenant),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
        }),
        new McpClientOptions { ClientInfo = new Implementation { Name = "bench", Version = "1" }, ProtocolVersion = "2025-11-25" });
    var arguments = new Dictionary<string, object?> { ["pageId"] = pageId };
    await ToolCallLoad.RunAsync(client, "get_page", arguments, workers, TimeSpan.FromSeconds(5)); // warm-up
    results.Add((name, await ToolCallLoad.RunAsync(client, "get_page", arguments, workers, duration)));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"get_page through MCP, {workers} concurrent callers, {duration.TotalSeconds:F0} s each, {Environment.ProcessorCount} cores"));
Console.WriteLine("| mode | calls | errors | calls/s | p50 ms | p95 ms | p99 ms |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
foreach (var (name, result) in results)
{
    Console.WriteLine(result.Row(name));
}

var (_, off) = results[^2];
var (_, on) = results[^1];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"audit cost (round {rounds}): {100 * (1 - on.CallsPerSecond / off.CallsPerSecond):F1}% throughput, {on.P50Ms - off.P50Ms:F1} ms at p50"));
