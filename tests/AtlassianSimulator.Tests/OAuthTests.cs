using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtlassianSimulator.Tests.Infrastructure;

namespace AtlassianSimulator.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class OAuthTests(SimulatorFixture sim) : IAsyncLifetime
{
    private const string ClientId = "sim-client-id";
    private const string Secret = "sim-client-secret";
    private const string Callback = "http://127.0.0.1:8765/callback";
    private const string Scopes = "read:page:confluence read:space:confluence read:me offline_access";

    public Task InitializeAsync() => sim.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string AuthorizeUrl(string redirectUri = Callback, string scope = Scopes, string? loginHint = SimulatorFixture.Alice) =>
        $"/auth/authorize?audience=api.atlassian.com&client_id={ClientId}&scope={Uri.EscapeDataString(scope)}&redirect_uri={Uri.EscapeDataString(redirectUri)}"
        + $"&state=xyz-state&response_type=code&prompt=consent&code_challenge=abc&code_challenge_method=S256"
        + (loginHint is null ? "" : $"&login_hint={Uri.EscapeDataString(loginHint)}");

    private async Task<string> CodeAsync(string scope = Scopes)
    {
        using var response = await sim.Http.GetAsync(AuthorizeUrl(scope: scope));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(Callback + "?code=", location, StringComparison.Ordinal);
        Assert.EndsWith("&state=xyz-state", location, StringComparison.Ordinal);
        return Uri.UnescapeDataString(location[(Callback.Length + 6)..location.IndexOf("&state", StringComparison.Ordinal)]);
    }

    private async Task<HttpResponseMessage> TokenAsync(object body) => await sim.Http.PostAsJsonAsync("/auth/oauth/token", body);

    private Task<HttpResponseMessage> Exchange(string code, string? secret = Secret, string redirectUri = Callback) =>
        TokenAsync(new { grant_type = "authorization_code", client_id = ClientId, client_secret = secret, code, redirect_uri = redirectUri, code_verifier = "ignored" });

    private Task<HttpResponseMessage> Refresh(string refreshToken) =>
        TokenAsync(new { grant_type = "refresh_token", client_id = ClientId, client_secret = Secret, refresh_token = refreshToken });

    private async Task<JsonElement> TokensAsync()
    {
        using var response = await Exchange(await CodeAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SimulatorFixture.ReadJsonAsync(response);
    }

    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string error, string? description = null)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await SimulatorFixture.ReadJsonAsync(response);
        Assert.Equal(error, body.GetProperty("error").GetString());
        if (description is not null)
        {
            Assert.Equal(description, body.GetProperty("error_description").GetString());
        }
    }

    [Fact]
    public async Task Code_exchange_answers_atlassian_token_shape()
    {
        var tokens = await TokensAsync();
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal(3600, tokens.GetProperty("expires_in").GetInt32());
        Assert.Equal("offline_access read:me read:page:confluence read:space:confluence", tokens.GetProperty("scope").GetString());
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refresh_token").GetString()));
    }

    [Fact]
    public async Task Without_offline_access_there_is_no_refresh_token()
    {
        using var response = await Exchange(await CodeAsync("read:page:confluence"));
        var tokens = await SimulatorFixture.ReadJsonAsync(response);
        Assert.False(tokens.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Token_endpoint_accepts_form_bodies()
    {
        var code = await CodeAsync();
        using var response = await sim.Http.PostAsync("/auth/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["client_secret"] = Secret, ["code"] = code, ["redirect_uri"] = Callback,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Authorization_code_is_single_use()
    {
        var code = await CodeAsync();
        (await Exchange(code)).Dispose();
        await AssertError(await Exchange(code), HttpStatusCode.Forbidden, "invalid_grant");
    }

    [Fact]
    public async Task Authorization_code_expires()
    {
        var code = await CodeAsync();
        sim.Time.Advance(TimeSpan.FromMinutes(11));
        await AssertError(await Exchange(code), HttpStatusCode.Forbidden, "invalid_grant");
    }

    [Fact]
    public async Task Authorize_rejects_a_redirect_uri_that_is_not_the_callback()
    {
        using var response = await sim.Http.GetAsync(AuthorizeUrl(redirectUri: "http://127.0.0.1:8765/callback/other"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Authorize_rejects_a_scope_not_configured_on_the_app()
    {
        using var response = await sim.Http.GetAsync(AuthorizeUrl(scope: "read:page:confluence manage:jira-configuration"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=invalid_scope", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("state=xyz-state", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_page_accept_button_issues_a_code()
    {
        using var page = await sim.Http.GetAsync(AuthorizeUrl(loginHint: null));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<button type=\"submit\" name=\"decision\" value=\"accept\">Accept</button>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"sim-site-1\">", html, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(AuthorizeUrl(loginHint: null).Split('?')[1]);
        var form = query.AllKeys.ToDictionary(k => k!, k => query[k]!);
        form["email"] = SimulatorFixture.Bob;
        form["decision"] = "accept";
        using var accepted = await sim.Http.PostAsync("/auth/authorize", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.StartsWith(Callback + "?code=", accepted.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_exchange_with_another_redirect_uri_fails()
    {
        await AssertError(await Exchange(await CodeAsync(), redirectUri: "http://evil.example/cb"), HttpStatusCode.Forbidden, "invalid_grant");
    }

    [Fact]
    public async Task Missing_client_secret_is_401_access_denied()
    {
        await AssertError(await Exchange(await CodeAsync(), secret: null), HttpStatusCode.Unauthorized, "access_denied", "Unauthorized");
    }

    [Fact]
    public async Task Wrong_client_secret_is_401_access_denied()
    {
        await AssertError(await Exchange(await CodeAsync(), secret: "nope"), HttpStatusCode.Unauthorized, "access_denied", "Unauthorized");
    }

    [Fact]
    public async Task Resource_parameter_is_rejected_as_invalid_target()
    {
        var code = await CodeAsync();
        await AssertError(await TokenAsync(new { grant_type = "authorization_code", client_id = ClientId, client_secret = Secret, code, redirect_uri = Callback, resource = "https://api.atlassian.com" }),
            HttpStatusCode.BadRequest, "invalid_target");
    }

    [Fact]
    public async Task Refresh_rotates_and_reuse_within_leeway_is_allowed()
    {
        var first = (await TokensAsync()).GetProperty("refresh_token").GetString()!;
        using var rotated = await Refresh(first);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await SimulatorFixture.ReadJsonAsync(rotated)).GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(first, second);

        Assert.Equal(0, await sim.CounterAsync("token.reuse_within_leeway.5b10a2844c20165700ede000"));

        sim.Time.Advance(TimeSpan.FromMinutes(5));
        using var reuse = await Refresh(first);
        Assert.Equal(HttpStatusCode.OK, reuse.StatusCode);
        Assert.Equal(1, await sim.CounterAsync("token.reuse_within_leeway.5b10a2844c20165700ede000"));
    }

    [Fact]
    public async Task Reuse_outside_leeway_revokes_the_whole_grant()
    {
        var tokens = await TokensAsync();
        var first = tokens.GetProperty("refresh_token").GetString()!;
        using var rotated = await Refresh(first);
        var newer = await SimulatorFixture.ReadJsonAsync(rotated);

        sim.Time.Advance(TimeSpan.FromMinutes(11));
        await AssertError(await Refresh(first), HttpStatusCode.Forbidden, "invalid_grant", "Unknown or invalid refresh token.");
        await AssertError(await Refresh(newer.GetProperty("refresh_token").GetString()!), HttpStatusCode.Forbidden, "invalid_grant");
        using var api = await sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/spaces"), newer.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(1, await sim.CounterAsync("token.reuse_detected.5b10a2844c20165700ede000"));
    }

    [Fact]
    public async Task Access_token_expires_after_its_lifetime()
    {
        var access = (await TokensAsync()).GetProperty("access_token").GetString()!;
        using (var ok = await sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/spaces"), access))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        sim.Time.Advance(TimeSpan.FromSeconds(3601));
        using var expired = await sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/spaces"), access);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Refresh_token_expires_after_90_days_without_use()
    {
        var refresh = (await TokensAsync()).GetProperty("refresh_token").GetString()!;
        sim.Time.Advance(TimeSpan.FromDays(91));
        await AssertError(await Refresh(refresh), HttpStatusCode.Forbidden, "invalid_grant", "Unknown or invalid refresh token.");
    }

    [Fact]
    public async Task Refresh_token_chain_ends_365_days_after_first_consent()
    {
        var refresh = (await TokensAsync()).GetProperty("refresh_token").GetString()!;
        for (var i = 0; i < 4; i++)
        {
            sim.Time.Advance(TimeSpan.FromDays(80));
            using var response = await Refresh(refresh);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            refresh = (await SimulatorFixture.ReadJsonAsync(response)).GetProperty("refresh_token").GetString()!;
        }
        sim.Time.Advance(TimeSpan.FromDays(80));
        await AssertError(await Refresh(refresh), HttpStatusCode.Forbidden, "invalid_grant");
    }

    [Fact]
    public async Task Accessible_resources_and_me_describe_the_grant()
    {
        var access = (await TokensAsync()).GetProperty("access_token").GetString()!;
        var sites = await sim.GetJsonAsync(sim.BaseUrl + "/api/oauth/token/accessible-resources", access);
        Assert.Equal(sim.CloudId, sites[0].GetProperty("id").GetString());
        Assert.Equal("https://sim-site-1.atlassian.net", sites[0].GetProperty("url").GetString());
        var me = await sim.GetJsonAsync(sim.BaseUrl + "/api/me", access);
        Assert.Equal(SimulatorFixture.Alice, me.GetProperty("email").GetString());
        Assert.Equal("active", me.GetProperty("account_status").GetString());
    }

    [Fact]
    public async Task Me_without_read_me_is_a_scope_mismatch()
    {
        var access = await sim.AccessTokenAsync(SimulatorFixture.Alice, "read:page:confluence");
        using var response = await sim.SendAsync(HttpMethod.Get, sim.BaseUrl + "/api/me", access);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"code":401,"message":"Unauthorized; scope does not match"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Counters_show_exactly_one_refresh()
    {
        var refresh = (await TokensAsync()).GetProperty("refresh_token").GetString()!;
        (await Refresh(refresh)).Dispose();
        Assert.Equal(1, await sim.CounterAsync("token.refresh_token"));
        Assert.Equal(1, await sim.CounterAsync("token.refresh_token.5b10a2844c20165700ede000"));
    }

    [Fact]
    public async Task Revoked_grant_refuses_refresh_and_api_calls()
    {
        var tokens = await TokensAsync();
        using var revoke = await sim.Http.PostAsJsonAsync("/_sim/grants/revoke", new { accountId = "5b10a2844c20165700ede000" });
        Assert.Equal(1, (await SimulatorFixture.ReadJsonAsync(revoke)).GetProperty("revoked").GetInt32());
        await AssertError(await Refresh(tokens.GetProperty("refresh_token").GetString()!), HttpStatusCode.Forbidden, "invalid_grant");
        using var api = await sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/spaces"), tokens.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Refresh_failure_can_use_the_unauthorized_client_field_variant()
    {
        await sim.SetFaultsAsync(new { refreshErrorAsUnauthorizedClient = true });
        await AssertError(await Refresh("rt-unknown"), HttpStatusCode.Forbidden, "unauthorized_client", "refresh_token is invalid");
    }

    [Fact]
    public async Task One_grant_covers_every_site_of_the_user()
    {
        (await sim.Http.PostAsJsonAsync("/_sim/reset", new { sites = 2 })).EnsureSuccessStatusCode();
        var access = (await TokensAsync()).GetProperty("access_token").GetString()!;
        var sites = await sim.GetJsonAsync(sim.BaseUrl + "/api/oauth/token/accessible-resources", access);
        Assert.Equal(["sim-site-1", "sim-site-2"], sites.EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        (await TokensAsync()).GetProperty("access_token").GetString();
        var grants = await sim.Http.PostAsJsonAsync("/_sim/grants/revoke", new { accountId = "5b10a2844c20165700ede000", clientId = ClientId });
        Assert.Equal(1, (await SimulatorFixture.ReadJsonAsync(grants)).GetProperty("revoked").GetInt32());
    }

    [Fact]
    public async Task Consenting_for_another_site_adds_it_to_the_same_grant()
    {
        (await sim.Http.PostAsJsonAsync("/_sim/reset", new { sites = 2 })).EnsureSuccessStatusCode();
        async Task<string[]> ConsentForSite(string site)
        {
            using var authorize = await sim.Http.GetAsync(AuthorizeUrl() + "&site=" + site);
            var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;
            using var token = await Exchange(code);
            var access = (await SimulatorFixture.ReadJsonAsync(token)).GetProperty("access_token").GetString();
            var sites = await sim.GetJsonAsync(sim.BaseUrl + "/api/oauth/token/accessible-resources", access);
            return [.. sites.EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];
        }
        Assert.Equal(["sim-site-1"], await ConsentForSite("sim-site-1"));
        Assert.Equal(["sim-site-1", "sim-site-2"], await ConsentForSite("sim-site-2"));
        using var revoke = await sim.Http.PostAsJsonAsync("/_sim/grants/revoke", new { accountId = "5b10a2844c20165700ede000" });
        Assert.Equal(1, (await SimulatorFixture.ReadJsonAsync(revoke)).GetProperty("revoked").GetInt32());
    }

    [Fact]
    public async Task Token_endpoint_outage_answers_503()
    {
        var code = await CodeAsync();
        await sim.SetFaultsAsync(new { tokenEndpointDown = true });
        using var response = await Exchange(code);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Clock_can_be_advanced_through_the_control_endpoint()
    {
        var access = (await TokensAsync()).GetProperty("access_token").GetString()!;
        (await sim.Http.PostAsJsonAsync("/_sim/clock/advance", new { seconds = 3601 })).EnsureSuccessStatusCode();
        using var expired = await sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/spaces"), access);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }
}
