using System.Security.Cryptography;
using AtlassianSimulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using Platform.Audit;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Hosting;

namespace Platform.Grains.Tests;

/// <summary>
/// One in-process cluster shared by every grain test, talking to one Atlassian simulator on loopback. Both run on the
/// same fake clock, so a test expires tokens by advancing it. Tests use unique keys and Atlassian accounts.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string PublicBaseUrl = "http://gateway.test";

    private WebApplication? simulator;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public TestGrainStorage Storage { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public TestToolSource Tools { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public SimulatorClient Simulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        simulator = SimulatorHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Seed:Pages=20"], Time);
        await simulator.StartAsync();
        var simulatorUrl = simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        Simulator = await SimulatorClient.CreateAsync(new Uri(simulatorUrl), PublicBaseUrl);

        var configuration = new Dictionary<string, string?>
        {
            ["Atlassian:AuthBaseUrl"] = $"{simulatorUrl}/auth/",
            ["Atlassian:ApiBaseUrl"] = $"{simulatorUrl}/api/",
            ["PublicEndpoint:BaseUrl"] = PublicBaseUrl,
            ["Confluence:AllowedSiteHosts:0"] = new Uri(simulatorUrl).Authority,
            ["Security:KeyRing:ActiveKeyId"] = "test-1",
            ["Security:KeyRing:Keys:test-1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(configuration);
            host.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.AddSingleton<IToolDescriptorSource>(Tools);
            silo.AddPlatformGrainServices();
            silo.Services.AddInMemoryAuditLog();
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Platform, Storage);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The tenant's audit rows from every silo (each keeps its own in-memory log), oldest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> AuditAsync(TenantId tenant)
    {
        var rows = new List<AuditRecord>();
        foreach (var silo in Cluster.Silos)
        {
            var page = await silo.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(tenant) { Limit = AuditQuery.MaxLimit }, CancellationToken.None);
            rows.AddRange(page.Entries.Select(entry => entry.Record));
        }

        return [.. rows.OrderBy(row => row.OccurredAt)];
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (simulator is not null)
        {
            await simulator.DisposeAsync();
        }

        Simulator?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
