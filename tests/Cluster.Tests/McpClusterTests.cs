using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
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
public sealed class McpClusterTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Tenant = McpCluster.Tenant;

    [Fact]
    public async Task The_tenant_limit_holds_across_two_api_processes_on_two_silos()
    {
        await using var cluster = await McpCluster.StartAsync(await postgres.CreateMigratedDatabaseWithRolesAsync(), userCount: 2);
        using var admin = cluster.Admin();
        (await admin.PutAsJsonAsync($"/admin/v1/tenants/{Tenant}/rate-limits", new
        {
            tenantCallsPerMinute = 1, tenantBurst = 6, userCallsPerMinute = 120, userBurst = 30,
            userToolCallsPerMinute = 60, userToolBurst = 20, maxConcurrentCallsPerUser = 8,
        })).EnsureSuccessStatusCode();
        await using var first = await McpCluster.ConnectAsync(cluster.Apis[0], cluster.Users[0]);
        await using var second = await McpCluster.ConnectAsync(cluster.Apis[1], cluster.Users[1]);

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
        await using var cluster = await McpCluster.StartAsync(await postgres.CreateMigratedDatabaseWithRolesAsync(), userCount: 4);
        var clients = new List<McpClient>();
        for (var i = 0; i < cluster.Users.Count; i++)
        {
            clients.Add(await McpCluster.ConnectAsync(cluster.Apis[i % 2], cluster.Users[i]));
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
        await cluster.Silos[0].Process.KillAsync();
        await Task.WhenAll(workers);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        var audited = (await cluster.AuditRowsAsync("list_spaces")).Select(row =>
            JsonDocument.Parse(row.GetProperty("argumentsPreview").GetString()!).RootElement.GetProperty("cursor").GetString() is { } marker
                ? int.Parse(marker[1..], System.Globalization.CultureInfo.InvariantCulture)
                : -1).ToHashSet();
        var verification = await cluster.VerifyAuditAsync();

        Assert.True(received.Count > 20, $"only {received.Count} calls completed");
        Assert.Empty(received.Except(audited));
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.GetRawText());
    }

    [Fact]
    public async Task A_silo_killed_mid_call_answers_that_the_call_may_or_may_not_have_reached_confluence_and_leaves_one_row()
    {
        await using var cluster = await McpCluster.StartAsync(await postgres.CreateMigratedDatabaseWithRolesAsync(), userCount: 1, apiCount: 1);
        await using var client = await McpCluster.ConnectAsync(cluster.Apis[0], cluster.Users[0]);
        await ListSpacesAsync(client, 0);
        var orleans = await cluster.Cluster.ConnectClientAsync();
        var host = await orleans.GetGrain<IManagementGrain>(0).GetActivationAddress((IAddressable)orleans.GetUserConnectionGrain(TenantId.Parse(Tenant), UserId.Parse("user1")));
        using var sim = cluster.SimulatorClient();
        var served = await cluster.CounterAsync("api.getSpaces");
        (await sim.PutAsJsonAsync("/_sim/faults", new { latencyMs = 5_000 })).EnsureSuccessStatusCode();

        var pending = ListSpacesAsync(client, 1);
        while (await cluster.CounterAsync("api.getSpaces") == served)
        {
            await Task.Delay(20);
        }

        await cluster.Silos.Single(silo => silo.SiloPort == host!.Endpoint.Port).Process.KillAsync();
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => pending);
        (await sim.PutAsJsonAsync("/_sim/faults", new { })).EnsureSuccessStatusCode();

        var rows = (await cluster.AuditRowsAsync("list_spaces"))
            .Where(row => row.GetProperty("argumentsPreview").GetString()!.Contains("\"c1\"", StringComparison.Ordinal)).ToList();
        Assert.Contains("may or may not have reached Confluence", error.Message, StringComparison.Ordinal);
        var row = Assert.Single(rows);
        Assert.Equal("Failed", row.GetProperty("decision").GetString());
        Assert.Contains("may or may not have reached Confluence", row.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kill_switch_thrown_through_one_api_process_refuses_the_next_call_through_another_within_a_second()
    {
        await using var cluster = await McpCluster.StartAsync(await postgres.CreateMigratedDatabaseWithRolesAsync(), userCount: 1);
        using var admin = cluster.Admin(cluster.Apis[0]);
        await using var client = await McpCluster.ConnectAsync(cluster.Apis[1], cluster.Users[0]);
        var first = await client.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1 });
        Assert.True(first.IsError != true, Text(first));
        var placement = await SeparateAsync(cluster.Cluster, client);

        var toolDisabled = await ThrowKillSwitchAsync(admin, $"/admin/v1/tenants/{Tenant}/tools/list_spaces/disable", client);
        await McpCluster.SendAsync(admin, HttpMethod.Post, $"/admin/v1/tenants/{Tenant}/tools/list_spaces/approve", null);
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
        var answer = await (await McpCluster.SendAsync(admin, HttpMethod.Post, path, null)).Content.ReadFromJsonAsync<JsonElement>();
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

    /// <summary>A list_spaces call marked with its number in the (unused) cursor argument, so its audit row can be found.</summary>
    private static async Task<CallToolResult> ListSpacesAsync(McpClient client, int call) =>
        await client.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1, ["cursor"] = $"c{call}" });

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
