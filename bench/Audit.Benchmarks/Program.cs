using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Audit;
using Platform.Database;
using Platform.Grains.Identity;
using Platform.Grains.Tools;

// The PostgreSQL audit writer alone: closed-loop appenders (each appends, awaits the commit, appends again) for a fixed
// time at each concurrency, on a fresh database, rounds interleaved so JIT and the server's caches warm evenly.
//   dotnet run -c Release --project bench/Audit.Benchmarks -- --postgres "<server connection string>" [--seconds 10] [--rounds 2] [--appenders 1,32,256]
var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
var server = options.GetValueOrDefault("--postgres") ?? throw new ArgumentException("--postgres <connection string> is required.");
var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--seconds", "10"), CultureInfo.InvariantCulture));
var rounds = int.Parse(options.GetValueOrDefault("--rounds", "2"), CultureInfo.InvariantCulture);
var levels = options.GetValueOrDefault("--appenders", "1,32,256").Split(',').Select(level => int.Parse(level, CultureInfo.InvariantCulture)).ToArray();

var databaseName = $"audit_bench_{Guid.NewGuid():N}";
await using (var admin = NpgsqlDataSource.Create(server))
await using (var create = admin.CreateCommand($"CREATE DATABASE {databaseName}"))
{
    await create.ExecuteNonQueryAsync();
}

var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = databaseName }.ConnectionString;
await using (var dataSource = NpgsqlDataSource.Create(connectionString))
{
    await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
}

await using var database = new AuditDatabase(connectionString);
await using var log = new PostgresAuditLog(
    database, new AuditChain(Options.Create(AuditChain.GenerateKeyRing("bench"))), Options.Create(new AuditOptions()), NullLogger<PostgresAuditLog>.Instance);

var results = new List<string>();
await AppendLoad.RunAsync(log, 8, TimeSpan.FromSeconds(2)); // warm-up
for (var round = 1; round <= rounds; round++)
{
    foreach (var appenders in levels)
    {
        results.Add((await AppendLoad.RunAsync(log, appenders, duration)).Row($"{appenders} appenders, round {round}"));
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"PostgreSQL audit appends (tool-call rows, one tenant), {duration.TotalSeconds:F0} s each, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
Console.WriteLine("| appenders | appends | appends/s | p50 ms | p99 ms | CPU µs/append (this process) |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
results.ForEach(Console.WriteLine);

internal static class AppendLoad
{
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private static readonly UserId User = UserId.Parse("bench-user");
    private static readonly ToolCall Call = new("get_page", """{"pageId":"65601","bodyFormat":"markdown"}""", new McpClientInfo("bench", "1.0"));

    public static async Task<Result> RunAsync(IAuditLog log, int appenders, TimeSpan duration)
    {
        var latencies = new List<double>[appenders];
        using var stop = new CancellationTokenSource(duration);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, appenders).Select(appender => Task.Run(async () =>
        {
            var mine = latencies[appender] = [];
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await log.AppendAsync(
                    AuditRecord.ForToolCall(Tenant, User, Call, AuditDecision.Allowed, null, 200, TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(2), DateTimeOffset.UtcNow),
                    CancellationToken.None);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        clock.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var all = latencies.SelectMany(list => list).Order().ToList();
        return new Result(all.Count, clock.Elapsed, Percentile(all, 0.50), Percentile(all, 0.99), cpuUsed);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];

    internal sealed record Result(int Appends, TimeSpan Elapsed, double P50Ms, double P99Ms, TimeSpan Cpu)
    {
        public string Row(string name) => string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Appends} | {Appends / Elapsed.TotalSeconds:F0} | {P50Ms:F2} | {P99Ms:F2} | {Cpu.TotalMicroseconds / Math.Max(1, Appends):F0} |");
    }
}
