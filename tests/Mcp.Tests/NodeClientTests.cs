using System.Text.Json;
using Platform.Demo;
using Platform.Grains;
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
            new { name = "search_content", arguments = new { query = title } },
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

    [Fact]
    public async Task The_node_v2_client_on_a_stateless_2026_07_28_connection_searches_fetches_reads_a_resource_and_hears_list_changed()
    {
        string pageId;
        var alice = await gateway.ConnectedUserAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        var title = $"Modern {Guid.NewGuid():N}";
        await using (var setup = await gateway.ConnectClientAsync(alice.Tenant, alice.Key))
        {
            var created = await setup.CallToolAsync("create_page", new Dictionary<string, object?> { ["spaceKey"] = site.SpaceKey, ["title"] = title, ["body"] = "Read by **Node**." });
            Assert.NotEqual(true, created.IsError);
            pageId = created.StructuredContent!.Value.GetProperty("id").GetString()!;
        }

        var run = await NodeScripts.RunConversationAsync(
            TimeSpan.FromMinutes(2),
            async _ =>
            {
                await gateway.Grains.GetTenantGovernanceGrain(alice.Tenant).DecideToolAsync("delete_page", Grains.Governance.ToolApproval.Disabled);
                return "changed";
            },
            "client-modern.mjs", gateway.McpUrl(alice.Tenant).AbsoluteUri, alice.Key, title, pageId);

        Assert.True(run.ExitCode == 0, run.Errors);
        var report = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("2026-07-28", report.GetProperty("protocolVersion").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("sessionId").ValueKind);
        Assert.True(report.GetProperty("honoredFilter").GetProperty("toolsListChanged").GetBoolean());
        Assert.True(report.GetProperty("listChanged").GetBoolean());
        Assert.Contains("delete_page", Names(report.GetProperty("before")));
        Assert.DoesNotContain("delete_page", Names(report.GetProperty("after")));
        var hit = report.GetProperty("search").GetProperty("results").EnumerateArray().First(result => result.GetProperty("id").GetString() == $"page:{pageId}");
        Assert.StartsWith("https://", hit.GetProperty("url").GetString(), StringComparison.Ordinal);
        var document = report.GetProperty("fetched").GetProperty("document");
        Assert.Equal(title, document.GetProperty("title").GetString());
        Assert.Contains("Read by **Node**.", document.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(["confluence://pages/{pageId}"], Names(report.GetProperty("resourceTemplates")));
        var resource = Assert.Single(report.GetProperty("resource").EnumerateArray());
        Assert.Equal("text/markdown", resource.GetProperty("mimeType").GetString());
        Assert.Equal($"# {title}\n\nRead by **Node**.", resource.GetProperty("text").GetString()!.TrimEnd());
    }

    private static List<string?> Names(JsonElement array) => [.. array.EnumerateArray().Select(name => name.GetString())];
}
