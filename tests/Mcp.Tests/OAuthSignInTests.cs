using ModelContextProtocol.Protocol;
using Platform.Demo;
using Platform.Grains;
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Node_sdk_signs_in_by_dynamic_registration_or_metadata_document_and_calls_tools(bool metadataDocument)
    {
        var tenant = await gateway.NewTenantAsync();
        var email = await gateway.Playground.CreateAtlassianAccountAsync();
        await gateway.Playground.AddUserAsync(tenant, GatewayFixture.NewUserId(), email);
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        using var browser = new SignInBrowser();
        browser.Answers["email"] = email;
        var document = metadataDocument ? gateway.ClientMetadata.Document("good-node").AbsoluteUri : "";
        var calls = System.Text.Json.JsonSerializer.Serialize(new object[] { new { name = "get_page", arguments = new { pageId = site.HomepageId } } });

        var run = await NodeScripts.RunConversationAsync(
            TimeSpan.FromMinutes(2),
            async ask => (await browser.AuthorizeAsync(new Uri(ask.GetProperty("url").GetString()!), GatewayFixture.OAuthRedirectUri)).AbsoluteUri,
            "oauth-client-e2e.mjs", gateway.McpUrl(tenant).AbsoluteUri, GatewayFixture.OAuthRedirectUri.AbsoluteUri, document, calls);

        Assert.True(run.ExitCode == 0, run.Errors + string.Join("\n", browser.Trail));
        var report = System.Text.Json.JsonDocument.Parse(run.Output).RootElement;
        var clientId = report.GetProperty("clientId").GetString();
        Assert.True(metadataDocument ? clientId == document : clientId!.StartsWith("dcr_", StringComparison.Ordinal), clientId);
        Assert.True(report.GetProperty("refreshToken").GetBoolean());
        Assert.Contains("create_page", report.GetProperty("tools").EnumerateArray().Select(tool => tool.GetString()));
        var result = Assert.Single(report.GetProperty("results").EnumerateArray());
        Assert.False(result.GetProperty("isError").GetBoolean(), result.GetRawText());
        Assert.Equal(site.HomepageId, result.GetProperty("structuredContent").GetProperty("id").GetString());
    }

    [Fact]
    public async Task First_sign_in_through_the_tenants_oidc_provider_provisions_the_person_connects_Confluence_and_calls_tools()
    {
        var tenant = await gateway.NewOidcTenantAsync(provision: true);
        var email = await gateway.Playground.CreateAtlassianAccountAsync();
        var subject = gateway.IdentityProvider.AddPerson(email);
        using var browser = new SignInBrowser();
        browser.Answers["email"] = email;

        await using var client = await gateway.ConnectOAuthClientAsync(tenant, browser);
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        var page = await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = site.HomepageId });

        Assert.NotEqual(true, page.IsError);
        var user = Assert.Single(await gateway.Grains.GetTenantGovernanceGrain(tenant).GetUsersAsync());
        Assert.Equal((email.ToLowerInvariant(), subject, true), (user.Id.Value, user.ExternalId, user.Enabled));
        Assert.Contains(user.Id.Value, (await gateway.Grains.GetTenantGovernanceGrain(tenant).GetGroupsAsync()).Single(g => g.Name == Playground.EveryoneGroup).Members);
        var steps = string.Join("\n", browser.Trail);
        Assert.True(browser.Trail.FindIndex(step => step.Contains(gateway.IdentityProvider.Issuer.Authority, StringComparison.Ordinal))
            < browser.Trail.FindIndex(step => step.Contains("/auth/authorize", StringComparison.Ordinal)), steps);
    }

    [Fact]
    public async Task A_person_the_oidc_provider_knows_but_the_directory_does_not_is_not_signed_in_without_provisioning()
    {
        var tenant = await gateway.NewOidcTenantAsync(provision: false);
        var email = $"stranger-{Guid.NewGuid():N}@example.test";
        gateway.IdentityProvider.AddPerson(email);
        using var browser = new SignInBrowser();
        browser.Answers["email"] = email;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            browser.AuthorizeAsync(new Uri(gateway.GatewayUrl, $"t/{tenant}/signin?returnUrl=/t/{tenant}/account"), GatewayFixture.OAuthRedirectUri));

        Assert.True(refused.Message.Contains("403 GET", StringComparison.Ordinal), refused.Message);
        Assert.Contains("is not in this organisation", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await gateway.Grains.GetTenantGovernanceGrain(tenant).GetUsersAsync());
    }
}
