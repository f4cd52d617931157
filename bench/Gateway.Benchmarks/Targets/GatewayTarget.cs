using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Benchmarks.Measure;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Grains.Identity;
using Platform.Grains.Security;
using Platform.Hosting;

namespace Platform.Benchmarks.Targets;

/// <summary>
/// A gateway under load, in processes of its own: the embedded Api (one process, its own silo), the benchmark's
/// gateway host (the same Api with the audit sink chosen, for the audit comparison), or a cluster of 2 silos and 1 Api on
/// PostgreSQL with the cluster tests' roles, keys and mutual TLS. The benchmark seeds it through an Orleans client
/// that joins it, and reads its processes' runtime counters.
/// </summary>
internal sealed class GatewayTarget : IAsyncDisposable
{
    private const string SealingKeyId = "bench";
    private readonly List<PlatformProcess> processes;
    private readonly IHost? client;
    private readonly TestCluster? cluster;

    private GatewayTarget(string name, PlatformProcess api, List<PlatformProcess> processes, IGrainFactory grains, SecretSealer sealer, IHost? client, TestCluster? cluster)
    {
        Name = name;
        Api = api;
        this.processes = processes;
        Grains = grains;
        Sealer = sealer;
        this.client = client;
        this.cluster = cluster;
        Counters = [.. processes.Select(process => RuntimeCounters.Attach(process.Pid))];
    }

    public string Name { get; }

    public PlatformProcess Api { get; }

    public IGrainFactory Grains { get; }

    /// <summary>Seals with the gateway's own key ring, so a seeded grant handoff opens in its grains.</summary>
    public SecretSealer Sealer { get; }

    /// <summary>Runtime counters of every process of this gateway (the Api, and the silos in cluster mode).</summary>
    public IReadOnlyList<RuntimeCounters> Counters { get; }

    public Uri McpUrl(TenantId tenant) => new(Api.BaseAddress, $"t/{tenant}/mcp");

    /// <summary>
    /// An embedded gateway. <paramref name="audit"/> null runs the product's Api as shipped (in-memory audit log);
    /// <c>off</c> or <c>postgres</c> runs the benchmark's gateway host with that audit sink.
    /// </summary>
    public static async Task<GatewayTarget> StartEmbeddedAsync(
        string name, SimulatorProcess simulator, string? audit = null, string? auditWriter = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var (sealer, keyRing) = NewKeyRing();
        var gatewayPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        var environment = new Dictionary<string, string>(Common(simulator, httpPort).Concat(keyRing))
        {
            // Said outright: this executable's output folder also receives the Silo's appsettings.json (Mode=Cluster),
            // and which project's copy lands there last is up to the build.
            ["Hosting__Mode"] = "Embedded",
            ["Hosting__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Hosting__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        };
        if (audit is not null)
        {
            environment[GatewayHost.AuditVariable] = audit;
        }

        if (auditWriter is not null)
        {
            environment["Audit__WriterConnectionString"] = auditWriter;
            environment["Audit__ChainKeys__ActiveKeyId"] = "bench";
            environment["Audit__ChainKeys__Keys__bench"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var api = PlatformProcess.Start(audit is null ? BuildPaths.ApiAssembly : Assembly.GetExecutingAssembly().Location, httpPort, environment);
        await api.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        var identity = new HostingOptions();
        builder.UseOrleansClient(orleans => orleans.UseLocalhostClustering(gatewayPort, identity.ServiceId, identity.ClusterId));
        var host = builder.Build();
        await host.StartAsync();
        return new GatewayTarget(name, api, [api], host.Services.GetRequiredService<IGrainFactory>(), sealer, host, null);
    }

    /// <summary>2 silos and 1 Api in cluster mode on a database of <paramref name="postgres"/>, as the cluster tests start them.</summary>
    public static async Task<GatewayTarget> StartClusterAsync(string name, SimulatorProcess simulator, PostgresFixture postgres)
    {
        var (sealer, keyRing) = NewKeyRing();
        var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var httpPort = FreePorts.Next();
        var extra = new Dictionary<string, string>(Common(simulator, httpPort).Concat(keyRing));
        // Orleans' own membership timings, not the cluster tests' shortened ones: a loaded machine must not get a silo
        // voted dead mid-benchmark.
        var siloExtra = new Dictionary<string, string>(extra)
        {
            ["Hosting__Membership__ProbeTimeout"] = "00:00:05",
            ["Hosting__Membership__NumMissedProbesLimit"] = "3",
            ["Hosting__Membership__TableRefreshTimeout"] = "00:01:00",
            ["Hosting__Membership__IAmAliveTablePublishTimeout"] = "00:05:00",
        };
        var silos = new List<PlatformProcess>();
        for (var i = 0; i < 2; i++)
        {
            silos.Add((await cluster.StartSiloAsync(siloExtra)).Process);
        }

        var api = await cluster.StartApiAsync(extra, httpPort);
        var grains = await cluster.ConnectClientAsync();
        return new GatewayTarget(name, api, [.. silos, api], grains, sealer, null, cluster);
    }

    /// <summary>Resident memory of the gateway's processes now.</summary>
    public long ResidentBytes => processes.Sum(process => Machine.ResidentBytes(process.Pid));

    public async ValueTask DisposeAsync()
    {
        foreach (var counters in Counters)
        {
            await counters.DisposeAsync();
        }

        if (client is not null)
        {
            await client.StopAsync(TimeSpan.FromSeconds(5));
            client.Dispose();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
        else
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>What every gateway process needs here: the simulator as Atlassian (its site allowed), its own public URL, quiet logs.</summary>
    private static Dictionary<string, string> Common(SimulatorProcess simulator, int httpPort) => new()
    {
        ["Atlassian__AuthBaseUrl"] = simulator.AuthUrl.AbsoluteUri,
        ["Atlassian__ApiBaseUrl"] = simulator.ApiUrl.AbsoluteUri,
        // The simulator's sites live on loopback, which a real deployment never allows: the operator's allow-list says so.
        ["Confluence__AllowedSiteHosts__0"] = simulator.BaseUrl.Authority,
        ["PublicEndpoint__BaseUrl"] = $"http://127.0.0.1:{httpPort}",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Orleans"] = "Error",
    };

    /// <summary>A throwaway sealing key given to the gateway and kept here, so the benchmark can seal grant handoffs for it.</summary>
    private static (SecretSealer Sealer, Dictionary<string, string> Environment) NewKeyRing()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var sealer = new SecretSealer(Options.Create(new KeyRingOptions { Keys = { [SealingKeyId] = key }, ActiveKeyId = SealingKeyId }));
        return (sealer, new Dictionary<string, string>
        {
            ["Security__KeyRing__ActiveKeyId"] = SealingKeyId,
            [$"Security__KeyRing__Keys__{SealingKeyId}"] = key,
        });
    }
}
