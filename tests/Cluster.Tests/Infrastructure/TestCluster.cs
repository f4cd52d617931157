using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Platform.Hosting;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// Silo processes of one cluster on one test database, and Orleans clients that join them. The processes run as
/// production does: Orleans on its own database role, the audit log on the writer and reader roles, all speaking mutual
/// TLS with certificates from a throwaway CA of this cluster's own.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<PlatformProcess> processes = [];
    private readonly List<IHost> clients = [];
    private readonly string keyRingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly string chainKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly PlatformDatabase database;

    public TestCluster(PlatformDatabase database)
    {
        this.database = database;
        MemberTls = Certificates.IssueMember();
    }

    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}";

    /// <summary>The connection that migrated the database, for tests that look at or tamper with it directly.</summary>
    public string ConnectionString => database.Admin;

    /// <summary>The cluster's CA; tests issue further certificates from it.</summary>
    public ThrowawayCertificates Certificates { get; } = new();

    /// <summary>The certificate every silo and Api process of this cluster presents.</summary>
    public ClusterTlsOptions MemberTls { get; }

    public async Task<SiloHandle> StartSiloAsync(IDictionary<string, string>? extra = null)
    {
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var environment = ClusterEnvironment();
        environment["Hosting__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        environment["Hosting__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        environment["Hosting__AdvertisedAddress"] = "127.0.0.1";
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = PlatformProcess.Start(BuildPaths.SiloAssembly, FreePorts.Next(), environment);
        processes.Add(process);
        await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return new SiloHandle(process, siloPort, gatewayPort);
    }

    /// <summary>An Api process in cluster mode; <paramref name="httpPort"/> when its address must be known before it starts.</summary>
    public async Task<PlatformProcess> StartApiAsync(IDictionary<string, string>? extra = null, int? httpPort = null)
    {
        var environment = ClusterEnvironment();
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = PlatformProcess.Start(BuildPaths.ApiAssembly, httpPort ?? FreePorts.Next(), environment);
        processes.Add(process);
        await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return process;
    }

    /// <summary>A client that finds gateways through the membership table, as an Api process does.</summary>
    public Task<IClusterClient> ConnectClientAsync() =>
        StartClientAsync(
            client => client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = database.Orleans;
            }),
            MemberTls);

    /// <summary>A client pinned to one silo's gateway, to call the cluster "through" that silo.</summary>
    public Task<IClusterClient> ConnectClientThroughAsync(SiloHandle silo) => ConnectClientThroughAsync(silo, MemberTls);

    /// <summary>
    /// A client pinned to one silo's gateway presenting <paramref name="tls"/>'s certificate, or speaking plain TCP when
    /// null, that gives up joining when <paramref name="cancellation"/> fires.
    /// </summary>
    public Task<IClusterClient> ConnectClientThroughAsync(SiloHandle silo, ClusterTlsOptions? tls, CancellationToken cancellation = default) =>
        StartClientAsync(client => client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, silo.GatewayPort)), tls, cancellation);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.StopAsync(TimeSpan.FromSeconds(5));
            client.Dispose();
        }

        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        Certificates.Dispose();
    }

    private Dictionary<string, string> ClusterEnvironment() => new()
    {
        ["Hosting__Mode"] = "Cluster",
        ["Hosting__ClusterId"] = ClusterId,
        ["Hosting__ServiceId"] = ClusterId,
        ["Hosting__PostgresConnectionString"] = database.Orleans,
        ["Audit__WriterConnectionString"] = database.AuditWriter,
        ["Audit__ReaderConnectionString"] = database.AuditReader,
        ["Audit__ChainKeys__ActiveKeyId"] = "cluster-test",
        ["Audit__ChainKeys__Keys__cluster-test"] = chainKey,
        ["Security__KeyRing__ActiveKeyId"] = "cluster-test",
        ["Security__KeyRing__Keys__cluster-test"] = keyRingKey,
        ["Hosting__Tls__CertificatePath"] = MemberTls.CertificatePath!,
        ["Hosting__Tls__KeyPath"] = MemberTls.KeyPath!,
        ["Hosting__Tls__AuthorityPath"] = MemberTls.AuthorityPath!,
        // Fast failure detection so a killed silo is declared dead within seconds, not a minute, and Api processes
        // that learn of new silos within a second.
        ["Hosting__Membership__ProbeTimeout"] = "00:00:01",
        ["Hosting__Membership__NumMissedProbesLimit"] = "2",
        ["Hosting__Membership__TableRefreshTimeout"] = "00:00:01",
        ["Hosting__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
        ["Hosting__Membership__GatewayListRefreshPeriod"] = "00:00:01",
    };

    private async Task<IClusterClient> StartClientAsync(Action<IClientBuilder> clustering, ClusterTlsOptions? tls, CancellationToken cancellation = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ClusterId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            clustering(client);
            if (tls is not null)
            {
                client.UseClusterTls(ClusterCertificates.Load(tls));
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        clients.Add(host);
        return host.Services.GetRequiredService<IClusterClient>();
    }
}

public sealed record SiloHandle(PlatformProcess Process, int SiloPort, int GatewayPort);
