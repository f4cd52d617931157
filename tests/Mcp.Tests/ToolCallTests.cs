using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Platform.Grains;
using Platform.Grains.RateLimits;
using Platform.Demo;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>tools/list and tools/call through the C# SDK's client, against the simulator as Confluence.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ToolCallTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Every_listed_tool_has_a_title_description_schema_and_annotations()
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);

        var tools = await client.ListToolsAsync();

        Assert.NotEmpty(tools);
        Assert.All(tools.Select(tool => tool.ProtocolTool), tool =>
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Title), tool.Name);
            Assert.True(tool.Description?.Length > 40, tool.Name);
            Assert.Equal("object", tool.InputSchema.GetProperty("type").GetString());
            Assert.NotNull(tool.Annotations?.ReadOnlyHint);
            Assert.NotNull(tool.Annotations?.DestructiveHint);
            Assert.NotNull(tool.Annotations?.IdempotentHint);
            Assert.True(tool.Annotations?.OpenWorldHint);
        });
    }

    [Fact]
    public async Task Get_page_returns_the_page_as_markdown_with_its_metadata()
    {
        var alice = await gateway.ConnectedUserAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);

        var result = await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = site.HomepageId });

        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains(site.HomepageId, text, StringComparison.Ordinal);
        Assert.Equal(site.HomepageId, result.StructuredContent?.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Invalid_arguments_are_tool_errors_saying_what_was_wrong_so_the_model_can_correct_itself()
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);

        var missing = await client.CallToolAsync("get_page", new Dictionary<string, object?>());
        var unknownArgument = await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = "1", ["colour"] = "red" });

        Assert.True(missing.IsError);
        Assert.Contains("pageId", missing.Text(), StringComparison.Ordinal);
        Assert.True(unknownArgument.IsError);
        Assert.Contains("colour", unknownArgument.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_tool_is_an_error()
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("drop_all_tables").AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("drop_all_tables", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_page_is_a_tool_error_the_model_can_act_on()
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);

        var result = await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = "999999999" });

        Assert.True(result.IsError);
        Assert.Contains("999999999", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_a_connection_gets_the_connect_link_as_a_url_elicitation_and_succeeds_after_connecting()
    {
        var tenant = await gateway.NewTenantAsync();
        var user = GatewayFixture.NewUserId();
        var email = await gateway.Playground.CreateAtlassianAccountAsync();
        await gateway.Playground.AddUserAsync(tenant, user, email);
        var key = await gateway.IssueKeyAsync(tenant, user);
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        await using var client = await gateway.ConnectClientAsync(tenant, key, urlElicitation: true);
        var arguments = new Dictionary<string, object?> { ["pageId"] = site.HomepageId };

        var required = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => client.CallToolAsync("get_page", arguments).AsTask());
        var elicitation = Assert.Single(required.Elicitations);
        await gateway.Playground.FollowConnectLinkAsync(new Uri(elicitation.Url!), email);
        var after = await client.CallToolAsync("get_page", arguments);

        Assert.Equal(McpErrorCode.UrlElicitationRequired, required.ErrorCode);
        Assert.Equal("url", elicitation.Mode);
        // The link opens the gateway's own page, which names the user and organisation before anyone consents.
        Assert.StartsWith(new Uri(gateway.GatewayUrl, "connect?state=").AbsoluteUri, elicitation.Url, StringComparison.Ordinal);
        Assert.NotEqual(true, after.IsError);
    }

    [Fact]
    public async Task A_client_without_url_elicitation_gets_the_connect_link_in_a_tool_error()
    {
        var tenant = await gateway.NewTenantAsync();
        var key = await gateway.IssueKeyAsync(tenant, GatewayFixture.NewUserId());
        await using var client = await gateway.ConnectClientAsync(tenant, key, urlElicitation: false);

        var result = await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = "1" });

        Assert.True(result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains(new Uri(gateway.GatewayUrl, "connect?state=").AbsoluteUri, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_calls_of_one_user_within_the_concurrency_cap_all_succeed()
    {
        var alice = await gateway.ConnectedUserAsync();
        await gateway.Grains.GetTenantRateLimitGrain(alice.Tenant).SetSettingsAsync(RateLimitSettings.Default with { MaxConcurrentCallsPerUser = 24, UserToolBurst = 24 });
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = site.HomepageId }).AsTask()));

        Assert.All(results, result => Assert.NotEqual(true, result.IsError));
    }
}
