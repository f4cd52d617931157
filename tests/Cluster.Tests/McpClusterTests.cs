using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AtlassianSimulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;
using Orleans.Core.Internal;
using Orleans.Runtime.Placement;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Grains;
using Platform.Grains.Identity;

namespace Platform.Cluster.Tests;

/// <summary>
/// The MCP path on a real cluster: two silo processes and two Api processes on PostgreSQL, seeded only through the
/// admin API, with the Atlassian simulator as Confluence. Rate limits hold cluster-wide; a silo killed under load
/// loses no audit row of a result a client received; a kill switch thrown through one Api process stops the next call
/// through the other, from a user grain on another silo than governance's.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class McpClusterTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const string OperatorKey = "mcp-cluster-operator-key";
    private const string ClientId = "mcp-cluster-app";
    private const string ClientSecret = "mcp-cluster-secret-3e1b";
    private const string Tenant = "acme";
    private static readonly string[] EveryApproved = ["all-approved"];
    private static readonly string[] Everyone = ["everyone"];
    private WebApplication? simulator;

    public async Task InitializeAsync()
    {
        simulator = SimulatorHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Seed:Pages=10"]);
        await simulator.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (simulator is not null)
        {
            await simulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_tenant_limit_holds_across_two_api_processes_on_two_silos()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var (_, apis, users) = await StartSeededClusterAsync(cluster, userCount: 2);
        using var admin = Admin(apis[0]);
        (await admin.PutAsJsonAsync($"/admin/v1/tenants/{Tenant}/rate-limits", new
        {
            tenantCallsPerMinute = 1, tenantBurst = 6, userCallsPerMinute = 120, userBurst = 30,
            userToolCallsPerMinute = 60, userToolBurst = 20, maxConcurrentCallsPerUser = 8,
        })).EnsureSuccessStatusCode();
        await using var first = await ConnectAsync(apis[0], users[0]);
        await using var second = await ConnectAsync(apis[1], users[1]);

        var results = new List<CallToolResult>();
        for (var i = 0; i < 6; i++)
        {
            results.Add(await first.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1 }));
            results.Add(await second.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1 }));
        }

        Assert.True(6 == results.Count(result => result.IsError != true), string.Join('\n', results.Select(Text)));
        Assert.All(results.Where(result => result.IsError == true), result =>
            Assert.Contains($"organisation {Tenant} may make 1 calls per minute", Text(result), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Killing_a_silo_under_load_loses_no_audit_row_of_a_result_a_client_received()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var (silos, apis, users) = await StartSeededClusterAsync(cluster, userCount: 4);
        var clients = new List<McpClient>();
        for (var i = 0; i < users.Count; i++)
        {
            clients.Add(await ConnectAsync(apis[i % 2], users[i]));
        }

        var received = new List<int>();
        var next = 0;
        using var load = new CancellationTokenSource(TimeSpan.FromSeconds(12));
        var workers = clients.Select(async client =>
        {
            while (!load.IsCancellationRequested)
            {
                var call = Interlocked.Increment(ref next);
                try
                {
                    // Any result counts, refusals and Confluence errors included: each has its row.
                    await ListSpacesAsync(client, call);
                    lock (received)
                    {
                        received.Add(call);
                    }
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // A call caught by the silo's death: the client got no result, so the audit owes it nothing.
                }
            }
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await silos[0].Process.KillAsync();
        await Task.WhenAll(workers);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        using var admin = Admin(apis[1]);
        var audited = new HashSet<int>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/tenants/{Tenant}/audit?tool=list_spaces&limit=1000{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            foreach (var row in page.GetProperty("entries").EnumerateArray())
            {
                audited.Add(JsonDocument.Parse(row.GetProperty("argumentsPreview").GetString()!).RootElement.GetProperty("cursor").GetString() is { } marker
                    ? int.Parse(marker[1..], System.Globalization.CultureInfo.InvariantCulture)
                    : -1);
            }

            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        var verification = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/tenants/{Tenant}/audit/verify");

        Assert.True(received.Count > 20, $"only {received.Count} calls completed");
        Assert.Empty(received.Except(audited));
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.GetRawText());
    }

    [Fact]
    public async Task A_silo_killed_mid_call_answers_that_the_call_may_or_may_not_have_reached_confluence_and_leaves_one_row()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var (silos, apis, users) = await StartSeededClusterAsync(cluster, userCount: 1, apiCount: 1);
        await using var client = await ConnectAsync(apis[0], users[0]);
        await ListSpacesAsync(client, 0);
        var orleans = await cluster.ConnectClientAsync();
        var host = await orleans.GetGrain<IManagementGrain>(0).GetActivationAddress((IAddressable)orleans.GetUserConnectionGrain(TenantId.Parse(Tenant), UserId.Parse("user1")));
        using var sim = SimulatorClient();
        var served = await CounterAsync(sim, "api.getSpaces");
        (await sim.PutAsJsonAsync("/_sim/faults", new { latencyMs = 5_000 })).EnsureSuccessStatusCode();

        var pending = ListSpacesAsync(client, 1);
        while (await CounterAsync(sim, "api.getSpaces") == served)
        {
            await Task.Delay(20);
        }

        await silos.Single(silo => silo.SiloPort == host!.Endpoint.Port).Process.KillAsync();
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => pending);
        (await sim.PutAsJsonAsync("/_sim/faults", new { })).EnsureSuccessStatusCode();

        using var admin = Admin(apis[0]);
        var rows = (await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/tenants/{Tenant}/audit?tool=list_spaces&limit=100")).GetProperty("entries")
            .EnumerateArray().Where(row => row.GetProperty("argumentsPreview").GetString()!.Contains("\"c1\"", StringComparison.Ordinal)).ToList();
        Assert.Contains("may or may not have reached Confluence", error.Message, StringComparison.Ordinal);
        var row = Assert.Single(rows);
        Assert.Equal("Failed", row.GetProperty("decision").GetString());
        Assert.Contains("may or may not have reached Confluence", row.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kill_switch_thrown_through_one_api_process_refuses_the_next_call_through_another_within_a_second()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var (_, apis, keys) = await StartSeededClusterAsync(cluster, userCount: 1);
        using var admin = Admin(apis[0]);
        await using var client = await ConnectAsync(apis[1], keys[0]);
        var first = await client.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1 });
        Assert.True(first.IsError != true, Text(first));
        var placement = await SeparateAsync(cluster, client);

        var toolDisabled = await ThrowKillSwitchAsync(admin, $"/admin/v1/tenants/{Tenant}/tools/list_spaces/disable", client);
        await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/tools/list_spaces/approve", null);
        var reapproved = await client.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1 });
        var userDisabled = await ThrowKillSwitchAsync(admin, $"/admin/v1/tenants/{Tenant}/users/user1/disable", client);

        output.WriteLine($"tool disabled: {toolDisabled}; user disabled: {userDisabled}; {placement}");
        Assert.True(toolDisabled.Elapsed < TimeSpan.FromSeconds(1), $"tool disabled: {toolDisabled} ({placement})");
        Assert.Contains("is not available to you", toolDisabled.Refusal, StringComparison.Ordinal);
        Assert.True(reapproved.IsError != true, Text(reapproved));
        Assert.True(userDisabled.Elapsed < TimeSpan.FromSeconds(1), $"user disabled: {userDisabled} ({placement})");
        Assert.Contains("401", userDisabled.Refusal, StringComparison.Ordinal);
        // The operator issued the key, so every row its calls left says so beside the user.
        var rows = (await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/tenants/{Tenant}/audit?tool=list_spaces&limit=100")).GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(("user1", "operator"), (row.GetProperty("actor").GetString(), row.GetProperty("credentialIssuer").GetString())));
    }

    /// <summary>
    /// Posts a kill switch to the admin API, which must answer that every user confirmed it, then calls list_spaces
    /// until the call is refused: by the policy (an invalid-request error) or at the door (401). Answers how long after the admin's
    /// answer the refusal came, and how many calls still got through meanwhile.
    /// </summary>
    private static async Task<KillSwitchOutcome> ThrowKillSwitchAsync(HttpClient admin, string path, McpClient client)
    {
        var answer = await (await SendAsync(admin, HttpMethod.Post, path, null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, answer.GetProperty("unconfirmedUsers").GetInt32());
        var clock = Stopwatch.StartNew();
        for (var allowed = 0; clock.Elapsed < TimeSpan.FromSeconds(5); allowed++)
        {
            try
            {
                await client.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1 });
            }
            catch (McpProtocolException refused) when (refused.ErrorCode == McpErrorCode.InvalidRequest)
            {
                return new(clock.Elapsed, allowed, refused.Message);
            }
            catch (HttpRequestException refused) when (refused.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                return new(clock.Elapsed, allowed, $"{(int)refused.StatusCode.Value} {refused.Message}");
            }
        }

        return new(clock.Elapsed, int.MaxValue, "never refused");
    }

    /// <summary>
    /// Moves user1's grain off the silo of the tenant's governance grain, if they share one, so a kill switch has to
    /// cross from one silo process to another; answers where each is.
    /// </summary>
    private static async Task<string> SeparateAsync(TestCluster cluster, McpClient client)
    {
        var orleans = await cluster.ConnectClientAsync();
        var management = orleans.GetGrain<IManagementGrain>(0);
        var tenant = TenantId.Parse(Tenant);
        var user = orleans.GetUserConnectionGrain(tenant, UserId.Parse("user1"));
        var governance = await management.GetActivationAddress((IAddressable)orleans.GetTenantGovernanceGrain(tenant));
        Assert.NotNull(governance);
        if (Equals(await management.GetActivationAddress((IAddressable)user), governance))
        {
            var elsewhere = (await management.GetHosts(onlyActive: true)).Keys.First(silo => !silo.Equals(governance));
            RequestContext.Set(IPlacementDirector.PlacementHintKey, elsewhere);
            await user.Cast<IGrainManagementExtension>().MigrateOnIdle();
            RequestContext.Clear();
        }

        await Eventually.Holds(async () =>
        {
            await client.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1 });
            Assert.NotEqual(governance, await management.GetActivationAddress((IAddressable)user));
        }, timeoutSeconds: 15);
        return $"user grain on {await management.GetActivationAddress((IAddressable)user)}, governance on {governance}";
    }

    private sealed record KillSwitchOutcome(TimeSpan Elapsed, int CallsAllowedAfterward, string Refusal);

    /// <summary>Silos and Apis (2 of each unless asked), one tenant set up through the admin API, and connected users with keys.</summary>
    private async Task<(IReadOnlyList<SiloHandle> Silos, IReadOnlyList<PlatformProcess> Apis, IReadOnlyList<string> Keys)> StartSeededClusterAsync(
        TestCluster cluster, int userCount, int siloCount = 2, int apiCount = 2)
    {
        var simulatorUrl = SimulatorUrl();
        using var sim = SimulatorClient();
        var site = (await sim.GetFromJsonAsync<JsonElement>("/_sim/state")).GetProperty("sites")[0];
        var firstApiPort = FreePorts.Next();
        var publicBase = $"http://127.0.0.1:{firstApiPort}";
        string[] scopes = ["read:space:confluence", "read:me", "offline_access"];
        (await sim.PostAsJsonAsync("/_sim/apps", new { clientId = ClientId, clientSecret = ClientSecret, callbackUrl = $"{publicBase}/integration-callback", scopes })).EnsureSuccessStatusCode();
        var environment = new Dictionary<string, string>
        {
            ["Atlassian__AuthBaseUrl"] = $"{simulatorUrl}/auth/",
            ["Atlassian__ApiBaseUrl"] = $"{simulatorUrl}/api/",
            ["PublicEndpoint__BaseUrl"] = publicBase,
            ["Admin__OperatorKey"] = OperatorKey,
            ["Mcp__ApiKeyCacheDuration"] = "00:00:00",
            // Short, so a call whose silo died is answered within seconds (the hop waits twice this, plus a margin).
            ["Confluence__Timeout"] = "00:00:03",
        };
        var silos = new List<SiloHandle>();
        for (var i = 0; i < siloCount; i++)
        {
            silos.Add(await cluster.StartSiloAsync(environment));
        }

        var apis = new List<PlatformProcess> { await cluster.StartApiAsync(environment, firstApiPort) };
        for (var i = 1; i < apiCount; i++)
        {
            apis.Add(await cluster.StartApiAsync(environment));
        }

        using var admin = Admin(apis[0]);
        await SendAsync(admin, HttpMethod.Post, "/admin/v1/tenants", new { id = Tenant, displayName = "Acme" });
        await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/activate", null);
        await SendAsync(admin, HttpMethod.Put, $"/admin/v1/tenants/{Tenant}/integration", new
        {
            clientId = ClientId, scopes, cloudId = site.GetProperty("cloudId").GetString(), siteUrl = site.GetProperty("url").GetString(), credentialMode = "PerUserOAuth",
        });
        await SendAsync(admin, HttpMethod.Put, $"/admin/v1/tenants/{Tenant}/integration/client-secret", new { value = ClientSecret });
        await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/tools/list_spaces/approve", null);
        var userIds = Enumerable.Range(1, userCount).Select(i => $"user{i}").ToList();
        var emails = userIds.ToDictionary(user => user, user => $"{user}-{Guid.NewGuid():N}@example.test");
        foreach (var user in userIds)
        {
            // The directory holds each user's Atlassian account, so that account is the one their link may connect.
            await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/users", new { id = user, email = emails[user] });
        }

        await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/groups", new { name = "everyone", members = userIds });
        await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/access-profiles", new { name = "everyone", toolsets = EveryApproved, users = Array.Empty<string>(), groups = Everyone });

        var keys = new List<string>();
        foreach (var user in userIds)
        {
            var email = emails[user];
            (await sim.PostAsJsonAsync("/_sim/users", new { email, displayName = user, apiToken = $"t-{Guid.NewGuid():N}", groupIds = Array.Empty<string>() })).EnsureSuccessStatusCode();
            var link = (await (await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/users/{user}/connect-link", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
            using var browser = new HttpClient();
            (await browser.GetAsync(await ConnectLinks.ConsentAsync(new Uri(link), sim, email))).EnsureSuccessStatusCode();
            var issued = await (await SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/users/{user}/api-keys", new { name = "cluster test" })).Content.ReadFromJsonAsync<JsonElement>();
            keys.Add(issued.GetProperty("token").GetString()!);
        }

        return (silos, apis, keys);
    }

    private string SimulatorUrl() =>
        simulator!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    private HttpClient SimulatorClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(SimulatorUrl()) };

    private static async Task<long> CounterAsync(HttpClient simulator, string counter) =>
        (await simulator.GetFromJsonAsync<Dictionary<string, long>>("/_sim/counters"))!.GetValueOrDefault(counter);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient admin, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static HttpClient Admin(PlatformProcess api)
    {
        var http = new HttpClient { BaseAddress = api.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        return http;
    }

    private static Task<McpClient> ConnectAsync(PlatformProcess api, string key) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(api.BaseAddress, $"t/{Tenant}/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
            }),
            new McpClientOptions { ClientInfo = new Implementation { Name = "cluster-test", Version = "1" }, ProtocolVersion = "2025-11-25" });

    /// <summary>A list_spaces call marked with its number in the (unused) cursor argument, so its audit row can be found.</summary>
    private static async Task<CallToolResult> ListSpacesAsync(McpClient client, int call) =>
        await client.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1, ["cursor"] = $"c{call}" });

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
