using System.Net.Http.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Platform.Grains;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.RateLimits;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>Each rate limit trips at its configured rate through a real client, answers at once and never reaches Confluence.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RateLimitTests(GatewayFixture gateway)
{
    private static readonly RateLimitSettings Generous = new(6000, 1000, 300, 300, 600, 200, 8);

    [Fact]
    public async Task The_tenant_limit_is_shared_by_all_its_users()
    {
        var alice = await gateway.ConnectedUserAsync();
        var bob = await AnotherConnectedUserAsync(alice.Tenant);
        await gateway.Grains.GetTenantRateLimitGrain(alice.Tenant).SetSettingsAsync(Generous with { TenantCallsPerMinute = 1, TenantBurst = 4 });
        await using var aliceClient = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        await using var bobClient = await gateway.ConnectClientAsync(alice.Tenant, bob);

        var results = new List<CallToolResult>();
        foreach (var client in new[] { aliceClient, bobClient, aliceClient, bobClient, aliceClient })
        {
            results.Add(await ListSpacesAsync(client));
        }

        Assert.All(results.Take(4), result => Assert.NotEqual(true, result.IsError));
        Assert.True(results[4].IsError);
        Assert.Matches($"organisation {alice.Tenant} may make 1 calls per minute; retry in [0-9]+ s", results[4].Text());
    }

    [Fact]
    public async Task The_user_limit_trips_at_its_burst_and_leaves_other_users_alone()
    {
        var alice = await gateway.ConnectedUserAsync();
        var bob = await AnotherConnectedUserAsync(alice.Tenant);
        await gateway.Grains.GetTenantRateLimitGrain(alice.Tenant).SetSettingsAsync(Generous with { UserCallsPerMinute = 1, UserBurst = 3 });
        await using var aliceClient = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        await using var bobClient = await gateway.ConnectClientAsync(alice.Tenant, bob);

        var allowed = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ListSpacesAsync(aliceClient)));
        var limited = await ListSpacesAsync(aliceClient);
        var bobsCall = await ListSpacesAsync(bobClient);

        Assert.All(allowed, result => Assert.NotEqual(true, result.IsError));
        Assert.True(limited.IsError);
        Assert.Contains("may make 1 calls per minute", limited.Text(), StringComparison.Ordinal);
        Assert.NotEqual(true, bobsCall.IsError);
    }

    [Fact]
    public async Task Ten_thousand_denied_calls_from_one_key_are_throttled_by_the_users_limit()
    {
        const int Calls = 10_000;
        const int UserBurst = 20;
        var tenant = await gateway.NewTenantAsync();
        var mallory = GatewayFixture.NewUserId();
        // In the directory, so the key works, but granted no tool: every call is refused by governance.
        var governance = gateway.Grains.GetTenantGovernanceGrain(tenant);
        await governance.CreateUserAsync(new DirectoryUser(mallory, null, null, true, DirectoryRole.Member));
        var key = await gateway.Playground.IssueKeyAsync(tenant, mallory);
        await gateway.Grains.GetTenantRateLimitGrain(tenant).SetSettingsAsync(Generous with { UserCallsPerMinute = 60, UserBurst = UserBurst });
        await using var client = await gateway.ConnectClientAsync(tenant, key);
        var started = TimeProvider.System.GetTimestamp();

        var (denied, limited) = (0, 0);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= Calls)
            {
                try
                {
                    var result = await ListSpacesAsync(client);
                    Assert.True(result.IsError);
                    Assert.Contains($"user {mallory} may make 60 calls per minute", result.Text(), StringComparison.Ordinal);
                    Interlocked.Increment(ref limited);
                }
                catch (ModelContextProtocol.McpProtocolException refused)
                {
                    Assert.Contains("not available to you", refused.Message, StringComparison.Ordinal);
                    Interlocked.Increment(ref denied);
                }
            }
        }));
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        // The burst, plus a token a second while the calls ran: everything else was throttled before any work was done.
        Assert.InRange(denied, UserBurst, UserBurst + (int)Math.Ceiling(elapsed.TotalSeconds) + 1);
        Assert.Equal(Calls, denied + limited);
    }

    [Fact]
    public async Task The_user_and_tool_limit_trips_for_that_tool_only()
    {
        var alice = await gateway.ConnectedUserAsync();
        await gateway.Grains.GetTenantRateLimitGrain(alice.Tenant).SetSettingsAsync(Generous with { UserToolCallsPerMinute = 1, UserToolBurst = 2 });
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);

        var first = await ListSpacesAsync(client);
        var second = await ListSpacesAsync(client);
        var third = await ListSpacesAsync(client);
        var otherTool = await client.CallToolAsync("get_current_user");

        Assert.NotEqual(true, first.IsError);
        Assert.NotEqual(true, second.IsError);
        Assert.True(third.IsError);
        Assert.Contains("may call list_spaces 1 times per minute", third.Text(), StringComparison.Ordinal);
        Assert.NotEqual(true, otherTool.IsError);
    }

    [Fact]
    public async Task Calls_beyond_the_concurrency_cap_are_refused_at_once()
    {
        var alice = await gateway.ConnectedUserAsync();
        await gateway.Grains.GetTenantRateLimitGrain(alice.Tenant).SetSettingsAsync(Generous with { MaxConcurrentCallsPerUser = 2 });
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        await ListSpacesAsync(client);
        await SetSimulatorLatencyAsync(1000);
        try
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ListSpacesAsync(client)));

            Assert.Equal(2, results.Count(result => result.IsError != true));
            Assert.All(results.Where(result => result.IsError == true), result =>
                Assert.Contains("may run 2 calls at once", result.Text(), StringComparison.Ordinal));
        }
        finally
        {
            await SetSimulatorLatencyAsync(0);
        }
    }

    [Fact]
    public async Task An_upstream_429_stops_every_user_of_the_tenant_calling_that_site_until_due()
    {
        var alice = await gateway.ConnectedUserAsync();
        var bob = await AnotherConnectedUserAsync(alice.Tenant);
        var other = await gateway.ConnectedUserAsync();
        await using var aliceClient = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        await using var bobClient = await gateway.ConnectClientAsync(alice.Tenant, bob);
        await using var otherClient = await gateway.ConnectClientAsync(other.Tenant, other.Key);
        await ListSpacesAsync(bobClient);

        using (var storm = await gateway.Playground.Simulator.PutAsJsonAsync("/_sim/faults", new { rateLimitStormRequests = 1, retryAfterSeconds = 30 }))
        {
            storm.EnsureSuccessStatusCode();
        }

        var throttled = await ListSpacesAsync(aliceClient);
        var requestsBefore = await ApiRequestsAsync();
        var bobsCall = await ListSpacesAsync(bobClient);
        var requestsAfter = await ApiRequestsAsync();
        var otherTenantsCall = await ListSpacesAsync(otherClient);

        Assert.True(throttled.IsError);
        Assert.Contains("rate limited", throttled.Text(), StringComparison.Ordinal);
        Assert.True(bobsCall.IsError);
        Assert.Matches("asked this organisation to slow down; retry in (29|30) s", bobsCall.Text());
        Assert.Equal(requestsBefore, requestsAfter);
        Assert.NotEqual(true, otherTenantsCall.IsError);
    }

    private async Task<string> AnotherConnectedUserAsync(TenantId tenant)
    {
        var user = GatewayFixture.NewUserId();
        await gateway.Playground.ConnectAsync(tenant, user, await gateway.Playground.CreateAtlassianAccountAsync());
        return await gateway.IssueKeyAsync(tenant, user);
    }

    private async Task SetSimulatorLatencyAsync(int latencyMs)
    {
        using var response = await gateway.Playground.Simulator.PutAsJsonAsync("/_sim/faults", new { latencyMs });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every Confluence API request the simulator has served, whoever made it.</summary>
    private async Task<long> ApiRequestsAsync() =>
        (await gateway.Playground.Simulator.GetFromJsonAsync<Dictionary<string, long>>("/_sim/counters"))!
            .Where(counter => counter.Key.StartsWith("api.", StringComparison.Ordinal)).Sum(counter => counter.Value);

    private static async Task<CallToolResult> ListSpacesAsync(McpClient client) =>
        await client.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1 });

}
