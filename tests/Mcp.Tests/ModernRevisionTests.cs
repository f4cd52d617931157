using System.Net;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Platform.Demo;
using Platform.Grains;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>
/// What the 2026-07-28 revision adds beyond tools: the <c>Mcp-Method</c>/<c>Mcp-Name</c> headers checked against the body,
/// and pages offered as resources (a template by id, <c>resources/read</c> as a governed, audited get_page call).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ModernRevisionTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_tool_call_whose_mcp_name_header_disagrees_with_its_body_is_refused_and_nothing_runs()
    {
        var alice = await gateway.ConnectedUserAsync();
        using var http = new HttpClient();

        using var mismatch = await http.SendAsync(RawMcp.PostModern(gateway.McpUrl(alice.Tenant), alice.Key, "tools/call", "delete_page", "tools/call", "get_page"));
        using var matching = await http.SendAsync(RawMcp.PostModern(gateway.McpUrl(alice.Tenant), alice.Key, "tools/call", "get_space", "tools/call", "get_space"));

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        var error = (await RawMcp.MessageOfAsync(mismatch)).GetProperty("error");
        Assert.Equal((int)McpErrorCode.HeaderMismatch, error.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, matching.StatusCode);
        // get_space without its spaceKey is the model's mistake: a tool result it can read, and the only row.
        Assert.True((await RawMcp.MessageOfAsync(matching)).GetProperty("result").GetProperty("isError").GetBoolean());
        var rows = await gateway.AuditRowsAsync(alice.Tenant);
        Assert.Equal("get_space", Assert.Single(rows).GetProperty("operation").GetString());
    }

    [Fact]
    public async Task Pages_are_offered_as_a_resource_template_and_read_as_markdown_through_the_audited_call_path()
    {
        var alice = await gateway.ConnectedUserAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key, protocolVersion: null);

        var templates = await client.ListResourceTemplatesAsync();
        var read = await client.ReadResourceAsync($"confluence://pages/{site.HomepageId}");

        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);
        Assert.Equal("confluence://pages/{pageId}", Assert.Single(templates).UriTemplate);
        var page = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents));
        Assert.Equal("text/markdown", page.MimeType);
        Assert.Equal($"confluence://pages/{site.HomepageId}", page.Uri);
        Assert.StartsWith("# ", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<ac:", page.Text, StringComparison.Ordinal);
        var row = Assert.Single(await gateway.AuditRowsAsync(alice.Tenant));
        Assert.Equal("get_page", row.GetProperty("operation").GetString());
        Assert.Equal("Allowed", row.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("confluence://pages/not-a-number")]
    [InlineData("https://example.atlassian.net/wiki/pages/1")]
    public async Task A_uri_that_is_not_a_page_uri_is_invalid_params(string uri)
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key, protocolVersion: null);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync(uri).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("confluence://pages/{pageId}", error.Message, StringComparison.Ordinal);
        Assert.Empty(await gateway.AuditRowsAsync(alice.Tenant));
    }

    [Theory]
    [InlineData(null, McpErrorCode.InvalidParams)]
    [InlineData("2025-11-25", McpErrorCode.ResourceNotFound)]
    public async Task A_page_that_does_not_exist_is_not_found_as_the_clients_revision_says(string? protocolVersion, McpErrorCode expected)
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key, protocolVersion);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync("confluence://pages/99999999999").AsTask());

        Assert.Equal(expected, error.ErrorCode);
        Assert.Equal("confluence://pages/99999999999", error.Data["uri"]?.ToString());
        Assert.Equal(404, Assert.Single(await gateway.AuditRowsAsync(alice.Tenant, "get_page")).GetProperty("upstreamStatus").GetInt32());
    }

    [Fact]
    public async Task A_user_whose_get_page_is_disabled_cannot_read_pages_as_resources_either()
    {
        var alice = await gateway.ConnectedUserAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        await gateway.Grains.GetTenantGovernanceGrain(alice.Tenant).DecideToolAsync("get_page", Grains.Governance.ToolApproval.Disabled);
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync($"confluence://pages/{site.HomepageId}").AsTask());

        Assert.Contains("get_page", error.Message, StringComparison.Ordinal);
        Assert.Equal("Denied", Assert.Single(await gateway.AuditRowsAsync(alice.Tenant, "get_page")).GetProperty("decision").GetString());
    }
}
