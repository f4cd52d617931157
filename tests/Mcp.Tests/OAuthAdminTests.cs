using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Grains;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>
/// Managing the authorization server over the admin API (every change audited), and a person revoking their own client
/// and issuing their own key on their account page.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OAuthAdminTests(GatewayFixture gateway)
{
    private static readonly string Redirect = GatewayFixture.OAuthRedirectUri.AbsoluteUri;

    [Fact]
    public async Task An_admin_pre_registers_a_client_that_signs_in_while_the_policy_refuses_dynamic_registration()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        using var admin = gateway.OperatorClient();
        var api = $"/admin/v1/tenants/{tenant}/oauth";

        using var created = await admin.PostAsJsonAsync($"{api}/clients", new { clientId = "acme-desktop", name = "Acme Desktop", redirectUris = new[] { Redirect } });
        using var policy = await admin.PutAsJsonAsync($"{api}/client-policy", new { acceptMetadataDocuments = false, acceptDynamicRegistration = false, acceptPreRegistered = true });
        using var badClient = await admin.PostAsJsonAsync($"{api}/clients", new { name = "No redirects", redirectUris = Array.Empty<string>() });
        var flow = new OAuthFlow(gateway, tenant);
        var verifier = OAuthFlow.NewVerifier();
        var answer = await OAuthFlow.AuthorizeAsync(browser, flow.AuthorizeUrl("acme-desktop", Redirect, OAuthFlow.ChallengeOf(verifier)), Redirect);
        var (status, _) = await flow.RedeemAsync("acme-desktop", answer["code"], Redirect, verifier);
        using var http = new HttpClient();
        using var registration = await http.PostAsJsonAsync(flow.Endpoint("oauth/register"), new { redirect_uris = new[] { Redirect } });
        var audit = await admin.GetStringAsync($"/admin/v1/tenants/{tenant}/audit?limit=50");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badClient.StatusCode);
        Assert.Equal(200, status);
        Assert.Equal(HttpStatusCode.Forbidden, registration.StatusCode);
        Assert.Contains("oauth.client.create", audit, StringComparison.Ordinal);
        Assert.Contains("oauth.client-policy.replace", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_lists_and_revokes_a_users_authorized_client_and_its_token_stops_working()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var (clientId, tokens) = await new OAuthFlow(gateway, tenant).SignInAsync(browser);
        var user = new JsonWebToken(tokens.GetProperty("access_token").GetString()).Subject;
        using var admin = gateway.OperatorClient();
        var route = $"/admin/v1/tenants/{tenant}/users/{user}/authorized-clients";

        var listed = await admin.GetFromJsonAsync<JsonElement>(route);
        using var revoked = await admin.DeleteAsync($"{route}/{clientId}");
        using var again = await admin.DeleteAsync($"{route}/{clientId}");

        Assert.Equal(clientId, Assert.Single(listed.EnumerateArray()).GetProperty("clientId").GetString());
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>(route)).EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, await OAuthFlow.InitializeStatusAsync(gateway.McpUrl(tenant), tokens.GetProperty("access_token").GetString()!));
    }

    [Fact]
    public async Task A_person_revokes_their_own_client_from_their_account_page()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var (clientId, tokens) = await new OAuthFlow(gateway, tenant).SignInAsync(browser);
        using var moved = await browser.GetAsync(new Uri(gateway.GatewayUrl, $"t/{tenant}/account"));
        var account = new Uri(gateway.GatewayUrl, moved.Headers.Location!.OriginalString);

        using var page = await browser.GetAsync(account);
        Assert.Contains(clientId, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitFormAsync(account, "revoke-client")).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, await OAuthFlow.InitializeStatusAsync(gateway.McpUrl(tenant), tokens.GetProperty("access_token").GetString()!));
        using var after = await browser.GetAsync(account);
        Assert.DoesNotContain(clientId, await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_issues_their_own_key_on_their_account_page_where_the_tenant_refuses_keys_issued_for_others()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        await new OAuthFlow(gateway, tenant).SignInAsync(browser);
        var user = Assert.Single(await gateway.Grains.GetTenantGovernanceGrain(tenant).GetUsersAsync()).Id;
        using var admin = gateway.OperatorClient();
        (await admin.PutAsJsonAsync($"/admin/v1/tenants/{tenant}/security", new { unmatchedAccounts = "Refuse", requireSelfIssuedKeys = true })).EnsureSuccessStatusCode();
        browser.Answers["Issue.Name"] = "laptop";
        using var moved = await browser.GetAsync(new Uri(gateway.GatewayUrl, $"t/{tenant}/account"));

        var (status, page) = await browser.SubmitFormAsync(new Uri(gateway.GatewayUrl, moved.Headers.Location!.OriginalString), "issue-key");
        var token = System.Text.RegularExpressions.Regex.Match(page, "<code id=\"issued-key\">(cfk_[^<]+)</code>").Groups[1].Value;
        using var forSomeoneElse = await admin.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users/{user}/api-keys", new { name = "operator's" });
        var key = Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/tenants/{tenant}/users/{user}/api-keys")).EnumerateArray());

        Assert.True(status == HttpStatusCode.OK, page);
        Assert.Equal(HttpStatusCode.OK, await OAuthFlow.InitializeStatusAsync(gateway.McpUrl(tenant), token));
        Assert.Equal(HttpStatusCode.Conflict, forSomeoneElse.StatusCode);
        Assert.Equal(("laptop", $"user:{user}", "mcp"), (key.GetProperty("name").GetString(), key.GetProperty("issuedBy").GetString(), Assert.Single(key.GetProperty("scopes").EnumerateArray()).GetString()));
    }

    [Fact]
    public async Task Sign_in_settings_take_an_oidc_provider_whose_secret_is_write_only()
    {
        var tenant = await gateway.NewTenantAsync();
        using var admin = gateway.OperatorClient();
        var api = $"/admin/v1/tenants/{tenant}/oauth/sign-in";

        using var set = await admin.PutAsJsonAsync(api, new { method = "OpenIdConnect", matching = "ExternalId", provisionUsers = true, defaultGroup = "everyone", oidcIssuer = "https://idp.example.com", oidcClientId = "gw" });
        using var secret = await admin.PutAsJsonAsync($"{api}/oidc-client-secret", new { value = "top-secret-value" });
        using var missingGroup = await admin.PutAsJsonAsync(api, new { method = "Atlassian", provisionUsers = true, defaultGroup = "nobody" });
        var shown = await admin.GetStringAsync(api);
        var audit = await admin.GetStringAsync($"/admin/v1/tenants/{tenant}/audit?limit=50");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secret.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingGroup.StatusCode);
        Assert.Contains("\"method\":\"OpenIdConnect\"", shown, StringComparison.Ordinal);
        Assert.Contains("sha256:", shown, StringComparison.Ordinal);
        Assert.Contains($"t/{tenant}/signin/oidc/callback", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret-value", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret-value", audit, StringComparison.Ordinal);
        Assert.Contains("oauth.sign-in.oidc-client-secret", audit, StringComparison.Ordinal);
    }

    private Task<(Platform.Grains.Identity.TenantId Tenant, SignInBrowser Browser)> SignedInPersonAsync() => gateway.SignedInPersonAsync();
}
