using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AtlassianSimulator.Tests.Infrastructure;

namespace AtlassianSimulator.Tests;

/// <summary>Scope enforcement, per-user permissions and the two ways in (3LO via the gateway, Basic on the site).</summary>
[Collection(SimulatorCollection.Name)]
public sealed class AccessTests(SimulatorFixture sim) : IAsyncLifetime
{
    private static readonly string[] AcmeSites = ["acme"];
    private static readonly string[] GatewayScopes = ["read:space:confluence", "offline_access"];

    public Task InitializeAsync() => sim.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> RestrictedSpaceIdAsync(string token)
    {
        var spaces = await sim.GetJsonAsync(sim.Api("/api/v2/spaces?keys=MAR"), token);
        return spaces.GetProperty("results")[0].GetProperty("homepageId").GetString()!;
    }

    [Fact]
    public async Task Missing_scope_answers_the_gateway_401()
    {
        var token = await sim.AccessTokenAsync(SimulatorFixture.Alice, "read:space:confluence");
        using var response = await sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/pages"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"code":401,"message":"Unauthorized; scope does not match"}""", await response.Content.ReadAsStringAsync());
        using var allowed = await sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/spaces"), token);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Operations_needing_two_scopes_need_both()
    {
        var readOnly = await sim.AccessTokenAsync(SimulatorFixture.Alice, "read:page:confluence");
        var pageId = (await sim.GetJsonAsync(sim.Api("/api/v2/pages?limit=1"), readOnly)).GetProperty("results")[0].GetProperty("id").GetString();
        using var denied = await sim.SendAsync(HttpMethod.Post, sim.Api($"/api/v2/pages/{pageId}/properties"), readOnly, new { key = "k", value = 1 });
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        var both = await sim.AccessTokenAsync(SimulatorFixture.Alice, "read:page:confluence", "write:page:confluence");
        using var created = await sim.SendAsync(HttpMethod.Post, sim.Api($"/api/v2/pages/{pageId}/properties"), both, new { key = "k", value = 1 });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
    }

    [Fact]
    public async Task V1_accepts_classic_or_granular_scopes()
    {
        var classic = await sim.AccessTokenAsync(SimulatorFixture.Alice, "search:confluence");
        using var response = await sim.SendAsync(HttpMethod.Get, sim.Api("/rest/api/search?cql=type%3Dpage"), classic);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Content_of_a_space_the_user_cannot_view_is_404()
    {
        var alice = await sim.AccessTokenAsync(SimulatorFixture.Alice);
        var restrictedHome = await RestrictedSpaceIdAsync(alice);
        var bob = await sim.AccessTokenAsync(SimulatorFixture.Bob);
        using var page = await sim.SendAsync(HttpMethod.Get, sim.Api($"/api/v2/pages/{restrictedHome}"), bob);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var error = await SimulatorFixture.ReadJsonAsync(page);
        Assert.Equal("NOT_FOUND", error.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(404, error.GetProperty("errors")[0].GetProperty("status").GetInt32());

        var bobSpaces = await sim.GetJsonAsync(sim.Api("/api/v2/spaces"), bob);
        Assert.DoesNotContain(bobSpaces.GetProperty("results").EnumerateArray(), s => s.GetProperty("key").GetString() == "MAR");
        var search = await sim.GetJsonAsync(sim.Api("/rest/api/search?cql=space%3DMAR"), bob);
        Assert.Equal(0, search.GetProperty("size").GetInt32());
        using var v1 = await sim.SendAsync(HttpMethod.Get, sim.Api($"/rest/api/content/{restrictedHome}"), bob);
        Assert.Equal(HttpStatusCode.NotFound, v1.StatusCode);
        Assert.Equal(404, (await SimulatorFixture.ReadJsonAsync(v1)).GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task A_read_restricted_page_and_its_subtree_are_404_for_others()
    {
        var alice = await sim.AccessTokenAsync();
        var bob = await sim.AccessTokenAsync(SimulatorFixture.Bob);
        var restricted = (await sim.GetJsonAsync(sim.Api("/rest/api/search?cql=" + Uri.EscapeDataString("title = \"On-call notes 2\"")), alice))
            .GetProperty("results")[0].GetProperty("content").GetProperty("id").GetString();
        using (var denied = await sim.SendAsync(HttpMethod.Get, sim.Api($"/api/v2/pages/{restricted}"), bob))
        {
            Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        }
        var spaceId = (await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{restricted}"), alice)).GetProperty("spaceId").GetString();
        using (var child = await sim.SendAsync(HttpMethod.Post, sim.Api("/api/v2/pages"), alice,
            new { spaceId, title = "Under a restricted page", parentId = restricted, body = new { representation = "storage", value = "<p>x</p>" } }))
        {
            var childId = (await SimulatorFixture.ReadJsonAsync(child)).GetProperty("id").GetString();
            using var inherited = await sim.SendAsync(HttpMethod.Get, sim.Api($"/api/v2/pages/{childId}"), bob);
            Assert.Equal(HttpStatusCode.NotFound, inherited.StatusCode);
        }
        var search = await sim.GetJsonAsync(sim.Api("/rest/api/search?cql=" + Uri.EscapeDataString("title = \"On-call notes 2\" OR title = \"Re: On-call notes 2\"")), bob);
        Assert.Equal(0, search.GetProperty("totalSize").GetInt32());

        using var lift = await sim.Http.PutAsync("/_sim/restrictions", Json(new { siteName = sim.SiteName, contentId = long.Parse(restricted!, System.Globalization.CultureInfo.InvariantCulture), viewerAccountIds = (string[]?)null }));
        lift.EnsureSuccessStatusCode();
        using var visible = await sim.SendAsync(HttpMethod.Get, sim.Api($"/api/v2/pages/{restricted}"), bob);
        Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
    }

    [Fact]
    public async Task Basic_auth_works_on_the_site_and_a_3lo_token_does_not()
    {
        using var basic = new HttpRequestMessage(HttpMethod.Get, sim.Site("/api/v2/spaces"));
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice@example.com:api-token-alice")));
        using var ok = await sim.Http.SendAsync(basic);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await SimulatorFixture.ReadJsonAsync(ok);
        Assert.Equal($"{sim.BaseUrl}/site/{sim.SiteName}/wiki", body.GetProperty("_links").GetProperty("base").GetString());

        using var bearer = await sim.SendAsync(HttpMethod.Get, sim.Site("/api/v2/spaces"), await sim.AccessTokenAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, sim.Site("/api/v2/spaces"));
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice@example.com:wrong")));
        using var denied = await sim.Http.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
    }

    [Fact]
    public async Task Bearer_for_an_unknown_cloud_id_is_401()
    {
        using var response = await sim.SendAsync(HttpMethod.Get, $"{sim.BaseUrl}/api/ex/confluence/00000000-0000-0000-0000-000000000000/wiki/api/v2/spaces", await sim.AccessTokenAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Registered_app_user_and_site_can_get_tokens()
    {
        (await sim.Http.PostAsync("/_sim/sites", Json(new { name = "acme" }))).EnsureSuccessStatusCode();
        (await sim.Http.PostAsync("/_sim/users", Json(new { email = "zed@acme.test", displayName = "Zed", apiToken = "zed-token", sites = AcmeSites }))).EnsureSuccessStatusCode();
        (await sim.Http.PostAsync("/_sim/apps", Json(new { clientId = "gw", clientSecret = "gw-secret", callbackUrl = "http://localhost/cb", scopes = GatewayScopes }))).EnsureSuccessStatusCode();
        using var authorize = await sim.Http.GetAsync("/auth/authorize?audience=api.atlassian.com&client_id=gw&scope=read%3Aspace%3Aconfluence%20offline_access&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&state=s1&response_type=code&login_hint=zed%40acme.test");
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"];
        using var token = await sim.Http.PostAsync("/auth/oauth/token", Json(new { grant_type = "authorization_code", client_id = "gw", client_secret = "gw-secret", code, redirect_uri = "http://localhost/cb" }));
        var access = (await SimulatorFixture.ReadJsonAsync(token)).GetProperty("access_token").GetString();
        var sites = await sim.GetJsonAsync(sim.BaseUrl + "/api/oauth/token/accessible-resources", access);
        Assert.Equal("acme", Assert.Single(sites.EnumerateArray()).GetProperty("name").GetString());
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
