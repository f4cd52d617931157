using System.Globalization;
using Platform.Benchmarks;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Benchmarks.Scenarios;
using Platform.Benchmarks.Targets;

// The gateway's own cost, measured from a load generator in this process against gateways, the Atlassian simulator and
// PostgreSQL in processes of their own (see docs/performance.md):
//   dotnet run -c Release --project bench/Gateway.Benchmarks [-- --smoke] [--seconds 10 --warmup 30 --rounds 3 --scenarios core,audit,cluster,scale,storm]
//   dotnet run -c Release --project bench/Gateway.Benchmarks -- --token-validation [--iterations 50000]
if (Environment.GetEnvironmentVariable(GatewayHost.AuditVariable) is { Length: > 0 } audit)
{
    // This process is one of the gateways under test, started by the benchmark.
    return await GatewayHost.RunAsync(audit, args);
}

if (args is ["--token-validation", .. var rest])
{
    await TokenValidationBench.RunAsync(rest is ["--iterations", var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 50_000);
    return 0;
}

// The report is this process's output: the Orleans clients it starts (its own, the cluster tests') log warnings only.
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
var options = BenchOptions.Parse(args);
var report = new Report(options);
report.Header();
using var http = CallTargets.LoadClient();
// PostgreSQL as the tests have it: PLATFORM_TEST_POSTGRES, or a throwaway server started by scripts/postgres.sh.
var postgres = options.Runs("audit") || options.Runs("cluster") ? new PostgresFixture() : null;
try
{
    if (postgres is not null)
    {
        await postgres.InitializeAsync();
    }

    await using (var simulator = await SimulatorProcess.StartAsync(new Uri("http://127.0.0.1:1/")))
    {
        if (options.Runs("core") || options.Runs("cluster"))
        {
            await using var embedded = await GatewayTarget.StartEmbeddedAsync("embedded", simulator);
            var core = await CoreScenario.RunAsync(options, simulator, embedded, http, report.Round);
            report.Core(core);
            if (options.Runs("cluster"))
            {
                report.Cluster(await ClusterScenario.RunAsync(options, simulator, postgres!, embedded, core, http, report.Round));
            }
        }

        if (options.Runs("audit"))
        {
            report.Audit(await AuditScenario.RunAsync(options, simulator, postgres!, http, report.Round));
        }

        if (options.Runs("scale"))
        {
            report.Scale(await ScaleScenario.RunAsync(options, simulator, http, report.Round));
        }

        if (options.Runs("storm"))
        {
            report.Storm(await StormScenario.RunAsync(options, simulator, http, report.Round));
        }
    }
}
finally
{
    if (postgres is not null)
    {
        await postgres.DisposeAsync();
    }
}

report.Targets();
// A call that failed or a token refreshed other than once fails the run (the CI smoke run relies on it); speed never does.
return report.Failures.Count == 0 ? 0 : 1;
