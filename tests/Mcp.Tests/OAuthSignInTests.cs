using ModelContextProtocol.Protocol;
using Platform.Demo;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>Official clients with no key: discovery, registration, sign-in through the browser steps, then tools.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OAuthSignInTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Csharp_sdk_registers_dynamically_signs_in_with_Atlassian_connects_Confluence_and_calls_tools()
    {
        var tenant = await gateway.NewTenantAsync();
        var user = GatewayFixture.NewUserId();
        var email = await gateway.Playground.CreateAtlassianAccountAsync();
        await gateway.Playground.AddUserAsync(tenant, user, email);
        using var browser = new SignInBrowser();
        browser.Answers["email"] = email;

        await using var client = await gateway.ConnectOAuthClientAsync(tenant, browser);
        var tools = await client.ListToolsAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        var page = await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = site.HomepageId });

        Assert.Contains(tools, tool => tool.Name == "create_page");
        Assert.NotEqual(true, page.IsError);
        Assert.Contains(site.HomepageId, Assert.IsType<TextContentBlock>(Assert.Single(page.Content)).Text, StringComparison.Ordinal);
        Assert.Contains(browser.Trail, step => step.Contains("/auth/authorize", StringComparison.Ordinal));
        Assert.Contains(browser.Trail, step => step.StartsWith("200 GET", StringComparison.Ordinal) && step.Contains("/oauth/authorize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csharp_sdk_identified_by_a_client_metadata_document_signs_in_and_calls_tools()
    {
        var tenant = await gateway.NewTenantAsync();
        var email = await gateway.Playground.CreateAtlassianAccountAsync();
        await gateway.Playground.AddUserAsync(tenant, GatewayFixture.NewUserId(), email);
        using var browser = new SignInBrowser();
        browser.Answers["email"] = email;

        await using var client = await gateway.ConnectOAuthClientAsync(tenant, browser, clientMetadataDocument: gateway.ClientMetadata.Document("good"));
        var spaces = await client.CallToolAsync("list_spaces", new Dictionary<string, object?>());

        Assert.NotEqual(true, spaces.IsError);
        Assert.True(browser.Trail.Any(step => step.Contains(Uri.EscapeDataString(gateway.ClientMetadata.Document("good").AbsoluteUri), StringComparison.OrdinalIgnoreCase)), string.Join("\n", browser.Trail));
    }
}
