using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Grains.ApiKeys;
using Platform.Grains.Connections;
using Platform.Grains.Identity;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>
/// Issue 11, path 8: requests naming a tenant that does not exist, with well-formed fake credentials, are answered from
/// the tenant registry without activating a single grain, exactly as a wrong key for a real tenant is answered.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class UnknownTenantTests(GatewayFixture gateway)
{
    private static readonly string FakeKey = ApiKeyToken.Format(ApiKeyToken.NewKeyId(), ApiKeyToken.NewSecret());
    private const string FakeJwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    private static readonly string[] RedirectUris = ["http://127.0.0.1/cb"];

    [Fact]
    public async Task Fake_keys_tokens_callbacks_and_oauth_calls_for_an_unknown_tenant_activate_no_grain()
    {
        var unknown = TenantId.Parse($"nobody-{Guid.NewGuid():N}"[..24]);
        var known = await gateway.NewTenantAsync();

        await SendEverythingAsync(unknown);
        await SendEverythingAsync(known);

        var activations = await ActivationsAsync();
        Assert.DoesNotContain(activations, grain => grain.Contains(unknown.Value, StringComparison.Ordinal));
        // The same requests for a real tenant reach its grains (its key verifier), so the count above can fail.
        Assert.Contains(activations, grain => grain.StartsWith("apikeyverifier/", StringComparison.Ordinal) && grain.Contains(known.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_looks_the_same_whether_the_tenant_exists_or_not()
    {
        var unknown = TenantId.Parse($"nobody-{Guid.NewGuid():N}"[..24]);
        var known = await gateway.NewTenantAsync();
        using var http = new HttpClient();

        foreach (var (path, key) in new[] { ("t/{0}/mcp", FakeKey), ("t/{0}/mcp", FakeJwt), ("admin/v1/tenants/{0}/users", FakeKey) })
        {
            var forKnown = await AnswerAsync(http, path, known, key);
            var forUnknown = await AnswerAsync(http, path, unknown, key);

            Assert.Equal(HttpStatusCode.Unauthorized, forKnown.Status);
            Assert.Equal(forKnown, forUnknown);
        }
    }

    /// <summary>Status, headers and body shape with the tenant's id replaced, so only existence could tell them apart.</summary>
    private async Task<Answer> AnswerAsync(HttpClient http, string pathFormat, TenantId tenant, string key)
    {
        var url = new Uri(gateway.GatewayUrl, string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, tenant));
        using var request = pathFormat.EndsWith("mcp", StringComparison.Ordinal) ? RawMcp.Post(url, RawMcp.ListTools, key) : new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string Neutral(string text) => text.Replace(tenant.Value, "{tenant}", StringComparison.Ordinal);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(header => header.Key is not ("Date" or "Content-Length"))
            .Select(header => $"{header.Key}: {Neutral(string.Join(",", header.Value))}").Order(StringComparer.Ordinal);
        return new Answer(response.StatusCode, string.Join("\n", headers), BodyShape(Neutral(body)));
    }

    /// <summary>The body's member names and values, but for the per-request trace id.</summary>
    private static string BodyShape(string body)
    {
        if (body.Length == 0)
        {
            return "";
        }

        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
        return string.Join("\n", json.Where(member => member.Key != "traceId").Select(member => $"{member.Key}={member.Value}").Order(StringComparer.Ordinal));
    }

    private sealed record Answer(HttpStatusCode Status, string Headers, string Body);

    private async Task SendEverythingAsync(TenantId tenant)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        foreach (var key in new[] { FakeKey, FakeJwt })
        {
            using var mcp = await http.SendAsync(RawMcp.Post(gateway.McpUrl(tenant), RawMcp.ListTools, key));
            Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
        }

        using var admin = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.GatewayUrl, $"admin/v1/tenants/{tenant}/users"));
        admin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(admin)).StatusCode);

        var state = ConnectState.Format(tenant, UserId.Parse("mallory"), "bm9uY2U");
        using var callback = await http.GetAsync(new Uri(gateway.GatewayUrl, $"integration-callback?code=c&state={Uri.EscapeDataString(state)}"));
        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);

        await http.GetAsync(new Uri(gateway.GatewayUrl, $".well-known/oauth-authorization-server/t/{tenant}"));
        await http.PostAsync(new Uri(gateway.GatewayUrl, $"t/{tenant}/oauth/token"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "x", ["client_id"] = "c" }));
        await http.PostAsJsonAsync(new Uri(gateway.GatewayUrl, $"t/{tenant}/oauth/register"), new { redirect_uris = RedirectUris });
        await http.GetAsync(new Uri(gateway.GatewayUrl, $"t/{tenant}/signin"));
    }

    private async Task<List<string>> ActivationsAsync()
    {
        var management = gateway.Grains.GetGrain<IManagementGrain>(0);
        return [.. (await management.GetDetailedGrainStatistics()).Select(statistic => statistic.GrainId.ToString())];
    }
}
