using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AtlassianSimulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// One tenant served by real silo and Api processes on PostgreSQL, set up only through the admin API, with the Atlassian
/// simulator (hosted in the test process) as Confluence, and users whose Atlassian accounts are connected and who hold
/// API keys. Tests start, stop and kill its processes; it ends them all when disposed.
/// </summary>
public sealed class McpCluster : IAsyncDisposable
{
    public const string OperatorKey = "mcp-cluster-operator-key";
    public const string Tenant = "acme";
    private const string ClientId = "mcp-cluster-app";
    private const string ClientSecret = "mcp-cluster-secret-3e1b";
    private static readonly string[] Scopes = ["read:space:confluence", "read:page:confluence", "read:me", "offline_access"];
    private static readonly string[] EveryApproved = ["all-approved"];
    private static readonly string[] Everyone = ["everyone"];
    private readonly WebApplication simulator;
    private readonly Dictionary<string, string> environment;

    private McpCluster(WebApplication simulator, TestCluster cluster, Dictionary<string, string> environment)
    {
        this.simulator = simulator;
        this.environment = environment;
        Cluster = cluster;
    }

    public TestCluster Cluster { get; }

    /// <summary>The silos started so far, in order, including stopped or killed ones.</summary>
    public List<SiloHandle> Silos { get; } = [];

    /// <summary>The Api processes started so far, in order, including stopped or killed ones.</summary>
    public List<PlatformProcess> Apis { get; } = [];

    public IReadOnlyList<McpUser> Users { get; private set; } = [];

    public string SimulatorUrl =>
        simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    /// <summary>
    /// Silos and Apis (2 of each unless asked) on <paramref name="database"/>, the tenant <see cref="Tenant"/> with
    /// list_spaces and get_page approved for everyone, and <paramref name="userCount"/> connected users. Further
    /// <paramref name="simulatorSettings"/> (such as <c>--OAuth:AccessTokenLifetimeSeconds=66</c>) configure the
    /// simulator, further <paramref name="settings"/> every silo and Api process.
    /// </summary>
    public static async Task<McpCluster> StartAsync(
        PlatformDatabase database, int userCount, int siloCount = 2, int apiCount = 2,
        IEnumerable<string>? simulatorSettings = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var simulator = SimulatorHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Seed:Pages=10", .. simulatorSettings ?? []]);
        await simulator.StartAsync();
        // The first Api is the public endpoint: consent at the simulator redirects to its callback.
        var firstApiPort = FreePorts.Next();
        var publicBase = $"http://127.0.0.1:{firstApiPort}";
        var environment = new Dictionary<string, string>
        {
            ["Atlassian__AuthBaseUrl"] = "",
            ["Atlassian__ApiBaseUrl"] = "",
            ["PublicEndpoint__BaseUrl"] = publicBase,
            ["Admin__OperatorKey"] = OperatorKey,
            ["Mcp__ApiKeyCacheDuration"] = "00:00:00",
            // Short, so a call whose silo died is answered within seconds (the hop waits twice this, plus 15 s).
            ["Confluence__Timeout"] = "00:00:03",
        };
        var cluster = new McpCluster(simulator, new TestCluster(database), environment);
        try
        {
            environment["Atlassian__AuthBaseUrl"] = $"{cluster.SimulatorUrl}/auth/";
            environment["Atlassian__ApiBaseUrl"] = $"{cluster.SimulatorUrl}/api/";
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                environment[key] = value;
            }

            for (var i = 0; i < siloCount; i++)
            {
                await cluster.StartSiloAsync();
            }

            for (var i = 0; i < apiCount; i++)
            {
                await cluster.StartApiAsync(i == 0 ? firstApiPort : null);
            }

            await cluster.SeedAsync(userCount, $"{publicBase}/integration-callback");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<SiloHandle> StartSiloAsync()
    {
        var silo = await Cluster.StartSiloAsync(environment);
        Silos.Add(silo);
        return silo;
    }

    public async Task<PlatformProcess> StartApiAsync(int? httpPort = null)
    {
        var api = await Cluster.StartApiAsync(environment, httpPort);
        Apis.Add(api);
        return api;
    }

    /// <summary>An operator's client of <paramref name="api"/>'s admin API (the first running Api when not given).</summary>
    public HttpClient Admin(PlatformProcess? api = null)
    {
        var http = new HttpClient { BaseAddress = (api ?? Apis.First(candidate => !candidate.HasExited)).BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        return http;
    }

    public HttpClient SimulatorClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(SimulatorUrl) };

    /// <summary>One of the simulator's counters (<c>/_sim/counters</c>), such as <c>api.getSpaces</c>.</summary>
    public async Task<long> CounterAsync(string counter)
    {
        using var sim = SimulatorClient();
        return (await sim.GetFromJsonAsync<Dictionary<string, long>>("/_sim/counters"))!.GetValueOrDefault(counter);
    }

    /// <summary>An MCP client of <paramref name="api"/> with a session (protocol 2025-11-25), as <paramref name="user"/>.</summary>
    public static Task<McpClient> ConnectAsync(PlatformProcess api, McpUser user) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(api.BaseAddress, $"t/{Tenant}/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {user.Key}" },
            }),
            new McpClientOptions { ClientInfo = new Implementation { Name = "cluster-test", Version = "1" }, ProtocolVersion = "2025-11-25" });

    /// <summary>
    /// An MCP client without a session (protocol 2026-07-28), as <paramref name="user"/>, whose every request goes
    /// through <paramref name="balancer"/> to whichever Api process it picks.
    /// </summary>
    public static Task<McpClient> ConnectThroughAsync(ReadinessLoadBalancer balancer, McpUser user) =>
        McpClient.CreateAsync(
            new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Endpoint = new Uri(ReadinessLoadBalancer.Address, $"t/{Tenant}/mcp"),
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {user.Key}" },
                },
                balancer.CreateClient(),
                ownsHttpClient: true),
            new McpClientOptions { ClientInfo = new Implementation { Name = "cluster-test", Version = "1" } });

    /// <summary>Every audit row of <paramref name="tool"/> in the tenant's log, read page by page through the admin API.</summary>
    public async Task<IReadOnlyList<JsonElement>> AuditRowsAsync(string tool)
    {
        using var admin = Admin();
        var rows = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(
                $"/admin/v1/tenants/{Tenant}/audit?tool={tool}&limit=1000{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            rows.AddRange(page.GetProperty("entries").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return rows;
    }

    /// <summary>Whether the tenant's audit chain verifies, and the verifier's answer.</summary>
    public async Task<JsonElement> VerifyAuditAsync()
    {
        using var admin = Admin();
        return await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/tenants/{Tenant}/audit/verify");
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await simulator.DisposeAsync();
    }

    private async Task SeedAsync(int userCount, string callbackUrl)
    {
        using var sim = SimulatorClient();
        var site = (await sim.GetFromJsonAsync<JsonElement>("/_sim/state")).GetProperty("sites")[0];
        (await sim.PostAsJsonAsync("/_sim/apps", new { clientId = ClientId, clientSecret = ClientSecret, callbackUrl, scopes = Scopes })).EnsureSuccessStatusCode();
        using var admin = Admin();
        await SendAsync(admin, HttpMethod.Post, "/admin/v1/tenants", new { id = Tenant, displayName = "Acme" });
        await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/activate", null);
        await SendAsync(admin, HttpMethod.Put, $"/admin/v1/tenants/{Tenant}/integration", new
        {
            clientId = ClientId, scopes = Scopes, cloudId = site.GetProperty("cloudId").GetString(), siteUrl = site.GetProperty("url").GetString(), credentialMode = "PerUserOAuth",
        });
        await SendAsync(admin, HttpMethod.Put, $"/admin/v1/tenants/{Tenant}/integration/client-secret", new { value = ClientSecret });
        await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/tools/list_spaces/approve", null);
        await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/tools/get_page/approve", null);
        var userIds = Enumerable.Range(1, userCount).Select(i => $"user{i}").ToList();
        var emails = userIds.ToDictionary(user => user, user => $"{user}-{Guid.NewGuid():N}@example.test");
        foreach (var user in userIds)
        {
            // The directory holds each user's Atlassian account, so that account is the one their link may connect.
            await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/users", new { id = user, email = emails[user] });
        }

        await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/groups", new { name = "everyone", members = userIds });
        await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/access-profiles", new { name = "everyone", toolsets = EveryApproved, users = Array.Empty<string>(), groups = Everyone });

        var users = new List<McpUser>();
        foreach (var user in userIds)
        {
            var email = emails[user];
            var created = await (await sim.PostAsJsonAsync("/_sim/users", new { email, displayName = user, apiToken = $"t-{Guid.NewGuid():N}", groupIds = Array.Empty<string>() }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var link = (await (await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/users/{user}/connect-link", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
            using var browser = new HttpClient();
            (await browser.GetAsync(await ConnectLinks.ConsentAsync(new Uri(link), sim, email))).EnsureSuccessStatusCode();
            var issued = await (await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/users/{user}/api-keys", new { name = "cluster test" })).Content.ReadFromJsonAsync<JsonElement>();
            users.Add(new McpUser(user, issued.GetProperty("token").GetString()!, created.GetProperty("accountId").GetString()!));
        }

        Users = users;
    }

    /// <summary>Sends an admin request and asserts it succeeded, with the answer in the message when it did not.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient admin, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}

/// <summary>A user of <see cref="McpCluster.Tenant"/>: their id, API key and Atlassian account id at the simulator.</summary>
public sealed record McpUser(string Id, string Key, string AccountId);
