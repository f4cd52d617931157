using System.Text.Json;
using Platform.Demo;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>The official Node SDK client (pinned in node/package.json) against the gateway: list, read, write.</summary>
[Collection(GatewayCollection.Name)]
public sealed class NodeClientTests(GatewayFixture gateway)
{
    [Fact]
    public async Task The_node_sdk_client_lists_tools_reads_a_page_and_creates_one()
    {
        var alice = await gateway.ConnectedUserAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        var title = $"From Node {Guid.NewGuid():N}";
        var calls = JsonSerializer.Serialize(new object[]
        {
            new { name = "get_page", arguments = new { pageId = site.HomepageId } },
            new { name = "create_page", arguments = new { spaceKey = site.SpaceKey, title, body = "Written by **Node**." } },
            new { name = "search", arguments = new { query = title } },
        });

        var run = await NodeScripts.RunAsync(TimeSpan.FromMinutes(2), "client-e2e.mjs", gateway.McpUrl(alice.Tenant).AbsoluteUri, alice.Key, calls);

        Assert.True(run.ExitCode == 0, run.Errors);
        var report = JsonDocument.Parse(run.Output).RootElement;
        var results = report.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("2025-11-25", report.GetProperty("protocolVersion").GetString());
        Assert.False(string.IsNullOrEmpty(report.GetProperty("sessionId").GetString()));
        Assert.Contains("create_page", report.GetProperty("tools").EnumerateArray().Select(tool => tool.GetString()));
        Assert.All(results, result => Assert.False(result.GetProperty("isError").GetBoolean(), result.GetRawText()));
        Assert.Equal(site.HomepageId, results[0].GetProperty("structuredContent").GetProperty("id").GetString());
        Assert.Equal(title, results[1].GetProperty("structuredContent").GetProperty("title").GetString());
        var hits = results[2].GetProperty("structuredContent").GetProperty("results").EnumerateArray();
        Assert.Contains(results[1].GetProperty("structuredContent").GetProperty("id").GetString(), hits.Select(hit => hit.GetProperty("id").GetString()));
    }
}
