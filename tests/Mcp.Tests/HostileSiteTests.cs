using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Demo;
using Platform.Grains;
using Platform.Grains.Connections;
using Platform.Grains.Identity;
using Platform.Grains.SignIn;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>
/// Issue 11, path 1: a tenant admin turns the Confluence site into a way into the cluster's network. Each test performs
/// the attack through the admin API or an MCP tool and shows it failing with a clear error.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HostileSiteTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("http://10.0.0.1")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://evil.example")]
    [InlineData("https://acme.atlassian.net.evil.example")]
    [InlineData("https://acme.atlassian.net:8443")]
    [InlineData("http://acme.atlassian.net")]
    [InlineData("https://user:secret@acme.atlassian.net")]
    public async Task An_admin_cannot_point_the_site_anywhere_but_an_atlassian_site(string siteUrl)
    {
        var tenant = await gateway.NewTenantAsync();
        using var http = gateway.OperatorClient();
        var url = $"admin/v1/tenants/{tenant}/integration";
        var before = await http.GetFromJsonAsync<JsonElement>(url);

        using var response = await http.PutAsJsonAsync(url, new
        {
            clientId = Playground.ClientId, scopes = Playground.AllScopes, cloudId = gateway.Playground.CloudId, siteUrl, credentialMode = "PerUserOAuth",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("siteUrl", error.Name);
        Assert.Contains("atlassian.net", error.Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before.GetProperty("siteUrl").GetString(), (await http.GetFromJsonAsync<JsonElement>(url)).GetProperty("siteUrl").GetString());
    }

    [Fact]
    public async Task A_site_the_operator_did_not_name_is_refused_even_on_loopback()
    {
        var tenant = await gateway.NewTenantAsync();
        using var http = gateway.OperatorClient();

        using var response = await http.PutAsJsonAsync($"admin/v1/tenants/{tenant}/integration", new
        {
            clientId = "app", cloudId = "c-1", siteUrl = $"http://127.0.0.1:{gateway.HostileSite.InternalPort}/", credentialMode = "SharedApiToken",
            serviceAccountEmail = "svc@example.test",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("siteUrl", out _));
    }

    [Fact]
    public async Task A_download_redirected_to_an_internal_service_is_not_followed()
    {
        var user = await HostileSiteUserAsync();
        await using var client = await gateway.ConnectClientAsync(user.Tenant, user.Key);

        var result = await client.CallToolAsync("download_attachment", new Dictionary<string, object?> { ["attachmentId"] = HostileSiteHost.ToInternalService });

        Assert.True(result.IsError);
        Assert.Contains($"'http://127.0.0.1:{gateway.HostileSite.InternalPort}'", result.Text(), StringComparison.Ordinal);
        Assert.Contains("not followed", result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("internal-secret", result.Text(), StringComparison.Ordinal);
        Assert.Equal(0, gateway.HostileSite.InternalRequests);
    }

    [Fact]
    public async Task A_download_redirected_to_the_cloud_metadata_address_is_refused_without_connecting()
    {
        var user = await HostileSiteUserAsync();
        await using var client = await gateway.ConnectClientAsync(user.Tenant, user.Key);
        var clock = Stopwatch.StartNew();

        var result = await client.CallToolAsync("download_attachment", new Dictionary<string, object?> { ["attachmentId"] = HostileSiteHost.ToMetadataAddress });

        Assert.True(result.IsError);
        Assert.Contains("'http://169.254.169.254'", result.Text(), StringComparison.Ordinal);
        // Refused by rule, not after a connection attempt that timed out.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        var row = (await gateway.AuditRowsAsync(user.Tenant, "download_attachment"))[^1];
        Assert.Contains("169.254.169.254", row.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_within_the_site_itself_is_followed()
    {
        var user = await HostileSiteUserAsync();
        await using var client = await gateway.ConnectClientAsync(user.Tenant, user.Key);

        var result = await client.CallToolAsync("download_attachment", new Dictionary<string, object?> { ["attachmentId"] = HostileSiteHost.ToItself });

        Assert.NotEqual(true, result.IsError);
        Assert.Contains("notes kept on the site itself", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_is_its_own_descendant_ends_the_tree_and_the_gateway_keeps_serving()
    {
        var user = await HostileSiteUserAsync();
        await using var client = await gateway.ConnectClientAsync(user.Tenant, user.Key);

        var tree = await client.CallToolAsync("get_page_tree", new Dictionary<string, object?> { ["pageId"] = HostileSiteHost.CyclicPage, ["depth"] = 5 });
        var next = await client.CallToolAsync("download_attachment", new Dictionary<string, object?> { ["attachmentId"] = HostileSiteHost.ToItself });

        Assert.NotEqual(true, tree.IsError);
        Assert.Contains("truncated", tree.Text(), StringComparison.Ordinal);
        Assert.NotEqual(true, next.IsError);
    }

    [Fact]
    public async Task An_identity_provider_on_an_internal_address_is_not_fetched()
    {
        var tenant = await gateway.NewTenantAsync();
        await gateway.Grains.GetTenantSignInGrain(tenant).SetSettingsAsync(new SignInSettings(SignInMethod.OpenIdConnect, UserMatching.Email, false, null,
            new OidcProviderSettings(new Uri($"http://127.0.0.1:{gateway.HostileSite.InternalPort}/"), "client", ["openid"])));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await http.GetAsync(new Uri(gateway.GatewayUrl, $"t/{tenant}/signin"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("cannot be reached", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, gateway.HostileSite.InternalRequests);
    }

    /// <summary>A user of a tenant whose shared service account works on the hostile site (which the operator allowed).</summary>
    private async Task<TestUser> HostileSiteUserAsync()
    {
        var tenant = TenantId.Parse($"t{Guid.NewGuid():N}"[..20]);
        var grain = gateway.Grains.GetTenantGrain(tenant);
        await grain.CreateAsync("Tenant with a hostile site");
        await grain.ConfigureIntegrationAsync(new IntegrationSettings(
            Playground.ClientId, Playground.AllScopes, "hostile-cloud", gateway.HostileSite.SiteUrl, CredentialMode.SharedApiToken, "svc@example.test"));
        await grain.SetServiceAccountTokenAsync("service-account-token");
        await gateway.Playground.ActivateWithAllToolsAsync(tenant);
        var user = GatewayFixture.NewUserId();
        return new TestUser(tenant, user, "svc@example.test", await gateway.IssueKeyAsync(tenant, user));
    }
}
