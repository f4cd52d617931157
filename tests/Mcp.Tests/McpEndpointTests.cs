using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Grains;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>The endpoint's front door: API keys, tenant isolation, session binding, DNS-rebinding and size limits.</summary>
[Collection(GatewayCollection.Name)]
public sealed class McpEndpointTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_request_without_a_key_gets_401_pointing_at_the_tenants_resource_metadata()
    {
        var tenant = await gateway.NewTenantAsync();
        using var http = new HttpClient();

        using var response = await http.SendAsync(RawMcp.Post(gateway.McpUrl(tenant), RawMcp.ListTools));
        var challenge = response.Headers.WwwAuthenticate.ToString();
        var metadataUrl = $"{gateway.GatewayUrl.AbsoluteUri}.well-known/oauth-protected-resource/t/{tenant}/mcp";
        var metadata = await http.GetFromJsonAsync<JsonElement>(metadataUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"resource_metadata=\"{metadataUrl}\"", challenge, StringComparison.Ordinal);
        Assert.Equal(gateway.McpUrl(tenant).AbsoluteUri, metadata.GetProperty("resource").GetString());
        Assert.Equal("header", metadata.GetProperty("bearer_methods_supported")[0].GetString());
    }

    [Theory]
    [InlineData("Bearer not-a-key")]
    [InlineData("Bearer cfk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_malformed_or_unknown_key_is_401(string authorization)
    {
        var tenant = await gateway.NewTenantAsync();
        using var http = new HttpClient();
        using var request = RawMcp.Post(gateway.McpUrl(tenant), RawMcp.ListTools);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_key_of_one_tenant_is_401_on_another_tenants_url()
    {
        var alice = await gateway.ConnectedUserAsync();
        var otherTenant = await gateway.NewTenantAsync();
        using var http = new HttpClient();

        using var own = await http.SendAsync(RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.Initialize, alice.Key));
        using var foreign = await http.SendAsync(RawMcp.Post(gateway.McpUrl(otherTenant), RawMcp.Initialize, alice.Key));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_401_on_the_next_request()
    {
        var alice = await gateway.ConnectedUserAsync();
        Assert.True(Grains.ApiKeys.ApiKeyToken.TryParse(alice.Key, out var keyId));
        using var http = new HttpClient();

        using var before = await http.SendAsync(RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.Initialize, alice.Key));
        await gateway.Grains.GetApiKeyGrain(alice.Tenant, keyId).RevokeAsync();
        using var afterRevoke = await http.SendAsync(RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.Initialize, alice.Key));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task A_session_is_refused_to_another_user_and_on_another_tenants_url()
    {
        var alice = await gateway.ConnectedUserAsync();
        var bob = await gateway.IssueKeyAsync(alice.Tenant, Grains.Identity.UserId.Parse("bob"));
        var mallory = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        var session = client.SessionId!;
        using var http = new HttpClient();

        using var asAlice = await http.SendAsync(RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.ListTools, alice.Key, session));
        using var asBob = await http.SendAsync(RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.ListTools, bob, session));
        using var onOtherTenant = await http.SendAsync(RawMcp.Post(gateway.McpUrl(mallory.Tenant), RawMcp.ListTools, mallory.Key, session));

        Assert.False(string.IsNullOrEmpty(session));
        Assert.Equal(HttpStatusCode.OK, asAlice.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asBob.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, onOtherTenant.StatusCode);
    }

    [Fact]
    public async Task A_foreign_browser_origin_is_403_and_a_foreign_host_is_400()
    {
        var alice = await gateway.ConnectedUserAsync();
        using var http = new HttpClient();
        using var fromEvil = RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.Initialize, alice.Key);
        fromEvil.Headers.Add("Origin", "http://evil.example.com");
        using var fromSelf = RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.Initialize, alice.Key);
        fromSelf.Headers.Add("Origin", gateway.GatewayUrl.AbsoluteUri.TrimEnd('/'));
        using var rebound = RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.Initialize, alice.Key);
        rebound.Headers.Host = "evil.example.com";

        using var evilResponse = await http.SendAsync(fromEvil);
        using var selfResponse = await http.SendAsync(fromSelf);
        using var reboundResponse = await http.SendAsync(rebound);

        Assert.Equal(HttpStatusCode.Forbidden, evilResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, selfResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reboundResponse.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var alice = await gateway.ConnectedUserAsync();
        var huge = JsonSerializer.Serialize(new
        {
            jsonrpc = "2.0",
            id = 1,
            method = "tools/call",
            @params = new { name = "x", arguments = new { blob = new string('a', 1_100_000) } },
        });
        using var http = new HttpClient();

        using var response = await http.SendAsync(RawMcp.Post(gateway.McpUrl(alice.Tenant), huge, alice.Key));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("2025-03-26")]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    [InlineData(null)]
    public async Task Clients_of_every_supported_revision_connect_and_list(string? protocolVersion)
    {
        var alice = await gateway.ConnectedUserAsync();

        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key, protocolVersion);
        var tools = await client.ListToolsAsync();

        Assert.Equal(protocolVersion ?? "2026-07-28", client.NegotiatedProtocolVersion);
        Assert.NotEmpty(tools);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_post_that_is_not_json_is_415_with_a_problem_body(string? contentType)
    {
        var alice = await gateway.ConnectedUserAsync();
        using var http = new HttpClient();
        using var request = RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.ListTools, alice.Key);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(RawMcp.ListTools));
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await http.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(415, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("\"abc\"", "name")]
    [InlineData("""{"name":5}""", "name")]
    [InlineData("""{"arguments":{}}""", "name")]
    [InlineData("""{"name":"get_page","arguments":[1]}""", "'arguments'")]
    [InlineData("""{"name":"get_page","arguments":"pageId=1"}""", "'arguments'")]
    public async Task Tools_call_params_of_the_wrong_json_type_are_invalid_params_saying_what_was_wrong(string parameters, string names)
    {
        var alice = await gateway.ConnectedUserAsync();
        using var http = new HttpClient();
        var session = await RawMcp.StartSessionAsync(http, gateway.McpUrl(alice.Tenant), alice.Key);

        using var response = await http.SendAsync(RawMcp.Post(gateway.McpUrl(alice.Tenant),
            $$"""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{{parameters}}}""", alice.Key, session));
        var error = (await RawMcp.MessageOfAsync(response)).GetProperty("error");

        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains(names, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await gateway.AuditRowsAsync(alice.Tenant));
    }
}
