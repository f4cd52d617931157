using System.Net.Http.Json;
using ModelContextProtocol.Client;
using Platform.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Cluster.Tests;

/// <summary>
/// Operations no client may notice, on real processes under steady MCP load: a rolling upgrade (each silo, then each
/// Api process restarted gracefully, one at a time), a silo killed outright, and PostgreSQL restarted. Clients reach
/// the Api processes through a readiness-probing load balancer, as they would through a Kubernetes Service.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ZeroDowntimeTests(PostgresFixture postgres, ITestOutputHelper output)
{
    /// <summary>Access tokens live 66 s and are refreshed a minute before expiry: every user refreshes every 6 s or so.</summary>
    private static readonly string[] ShortLivedTokens = ["--OAuth:AccessTokenLifetimeSeconds=66"];

    /// <summary>Each user calls at most 10 times a second, within the tenant's highest rate limits.</summary>
    private static readonly TimeSpan ThinkTime = TimeSpan.FromMilliseconds(100);

    private static readonly Dictionary<string, string> Settings = new()
    {
        // An Api stays in service this long after SIGTERM, unready, so the balancer stops sending it calls first.
        ["Shutdown__DrainDelay"] = "00:00:02",
    };

    [Fact]
    public async Task A_rolling_upgrade_under_load_fails_no_call_loses_no_audit_row_and_refreshes_every_token_once()
    {
        await using var cluster = await McpCluster.StartAsync(
            await postgres.CreateMigratedDatabaseWithRolesAsync(), userCount: 4, simulatorSettings: ShortLivedTokens, settings: Settings);
        await using var balancer = new ReadinessLoadBalancer(cluster.Apis);
        await balancer.WaitUntilAllReadyAsync(TimeSpan.FromSeconds(10));
        var clients = await ConnectAllAsync(cluster, balancer);
        var pageId = await McpLoad.HomePageOfAsync(clients[0].Client, "ENG");
        var refreshesBefore = await RefreshCountsAsync(cluster);

        await AllowFullRateAsync(cluster);
        var load = McpLoad.Start(clients, pageId, ThinkTime);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var logs = new List<(string Process, PlatformProcess Log)>();
        foreach (var silo in cluster.Silos.ToList())
        {
            await silo.Process.StopAsync();
            logs.Add(($"silo :{silo.SiloPort}", silo.Process));
            await cluster.StartSiloAsync();
        }

        foreach (var api in cluster.Apis.ToList())
        {
            await api.StopAsync();
            balancer.Remove(api);
            logs.Add(($"api {api.BaseAddress}", api));
            balancer.Add(await cluster.StartApiAsync());
            await balancer.WaitUntilAllReadyAsync(TimeSpan.FromSeconds(10));
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var outcomes = await load.StopAsync();
        await DisposeAllAsync(clients);

        output.WriteLine($"rolling upgrade: {outcomes.Count} calls, {outcomes.Count(o => !o.Succeeded)} failed, over {(outcomes.Max(o => o.EndedAt) - outcomes.Min(o => o.StartedAt)).TotalSeconds:F1} s");
        foreach (var failed in outcomes.Where(o => !o.Succeeded))
        {
            output.WriteLine(failed.ToString());
        }

        foreach (var (process, log) in logs)
        {
            output.WriteLine($"--- {process}");
            foreach (var entry in log.LogEntries("warn", "fail", "crit"))
            {
                output.WriteLine(entry);
            }
        }

        Assert.DoesNotContain(outcomes, o => !o.Succeeded);
        await AssertEveryResultAuditedOnceAsync(cluster, outcomes);
        await AssertTokensRefreshedOnceEachAsync(cluster, refreshesBefore);
    }

    /// <summary>The tenant's rate limits at the operator's ceilings, so the load is never rate-limited.</summary>
    private static async Task AllowFullRateAsync(McpCluster cluster)
    {
        using var admin = cluster.Admin();
        (await admin.PutAsJsonAsync($"/admin/v1/tenants/{McpCluster.Tenant}/rate-limits", new
        {
            tenantCallsPerMinute = 60_000, tenantBurst = 10_000, userCallsPerMinute = 1_200, userBurst = 300,
            userToolCallsPerMinute = 600, userToolBurst = 200, maxConcurrentCallsPerUser = 32,
        })).EnsureSuccessStatusCode();
    }

    private static async Task<List<(McpUser User, McpClient Client)>> ConnectAllAsync(McpCluster cluster, ReadinessLoadBalancer balancer)
    {
        var clients = new List<(McpUser, McpClient)>();
        foreach (var user in cluster.Users)
        {
            clients.Add((user, await McpCluster.ConnectThroughAsync(balancer, user)));
        }

        return clients;
    }

    private static async Task DisposeAllAsync(IEnumerable<(McpUser User, McpClient Client)> clients)
    {
        foreach (var (_, client) in clients)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task<Dictionary<string, long>> RefreshCountsAsync(McpCluster cluster)
    {
        var counts = new Dictionary<string, long>();
        foreach (var user in cluster.Users)
        {
            counts[user.AccountId] = await cluster.CounterAsync($"token.refresh_token.{user.AccountId}");
        }

        return counts;
    }

    /// <summary>
    /// Every successful list_spaces result has exactly one row naming its call, no row names a call no client got an
    /// answer to, each user has as many get_page rows as results, and the chain verifies.
    /// </summary>
    private static async Task AssertEveryResultAuditedOnceAsync(McpCluster cluster, IReadOnlyList<McpCallOutcome> outcomes)
    {
        var listRows = await cluster.AuditRowsAsync("list_spaces");
        var marked = listRows.Select(McpLoad.MarkerOf).Where(marker => marker is not null).Select(marker => marker!.Value).ToList();
        var listed = outcomes.Where(o => o.Tool == "list_spaces" && o.Succeeded).Select(o => o.Number).Order().ToList();
        Assert.Equal(listed, marked.Order().ToList());

        var pageRows = await cluster.AuditRowsAsync("get_page");
        foreach (var user in cluster.Users)
        {
            Assert.Equal(
                outcomes.Count(o => o.Tool == "get_page" && o.User == user.Id && o.Succeeded),
                pageRows.Count(row => row.GetProperty("actor").GetString() == user.Id && row.GetProperty("decision").GetString() == "Allowed"));
        }

        var verification = await cluster.VerifyAuditAsync();
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.GetRawText());
    }

    /// <summary>Tokens were refreshed during the test, and no rotated refresh token was ever presented again.</summary>
    private static async Task AssertTokensRefreshedOnceEachAsync(McpCluster cluster, Dictionary<string, long> refreshesBefore)
    {
        foreach (var user in cluster.Users)
        {
            Assert.True(await cluster.CounterAsync($"token.refresh_token.{user.AccountId}") > refreshesBefore[user.AccountId], $"{user.Id}'s token was never refreshed");
            Assert.Equal(0, await cluster.CounterAsync($"token.reuse_within_leeway.{user.AccountId}"));
            Assert.Equal(0, await cluster.CounterAsync($"token.reuse_detected.{user.AccountId}"));
        }
    }
}
