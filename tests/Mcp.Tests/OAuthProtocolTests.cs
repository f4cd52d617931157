using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Api.OAuth;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.OAuth;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>
/// The authorization server's rules, request by request (no SDK), each refusal with its RFC error code: metadata,
/// PKCE, resource indicators, redirect URIs, codes, client policy, token validation, refresh rotation, revocation, scopes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OAuthProtocolTests(GatewayFixture gateway)
{
    private static readonly string Redirect = GatewayFixture.OAuthRedirectUri.AbsoluteUri;
    private static readonly string[] PlainHttpRedirect = ["http://example.com/cb"];

    [Fact]
    public async Task Protected_resource_metadata_names_the_tenant_issuer_whose_metadata_offers_S256_registration_and_iss()
    {
        var tenant = await gateway.NewTenantAsync();
        using var http = new HttpClient { BaseAddress = gateway.GatewayUrl };

        var resource = await http.GetFromJsonAsync<JsonElement>($"/.well-known/oauth-protected-resource/t/{tenant}/mcp");
        var issuer = resource.GetProperty("authorization_servers")[0].GetString()!;
        var server = await http.GetFromJsonAsync<JsonElement>($"/.well-known/oauth-authorization-server/t/{tenant}");

        Assert.Equal(gateway.McpUrl(tenant).AbsoluteUri, resource.GetProperty("resource").GetString());
        Assert.Equal(new Uri(gateway.GatewayUrl, $"t/{tenant}/").AbsoluteUri, issuer);
        Assert.Equal(issuer, server.GetProperty("issuer").GetString());
        Assert.Equal(["S256"], server.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(new Uri(new Uri(issuer), "oauth/register").AbsoluteUri, server.GetProperty("registration_endpoint").GetString());
        Assert.True(server.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.True(server.GetProperty("client_id_metadata_document_supported").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/.well-known/oauth-authorization-server/t/no-such-tenant")).StatusCode);
    }

    [Fact]
    public async Task A_code_comes_back_with_the_issuer_and_is_redeemed_once_only()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var clientId = await flow.RegisterAsync(Redirect);
        var verifier = OAuthFlow.NewVerifier();

        var answer = await OAuthFlow.AuthorizeAsync(browser, flow.AuthorizeUrl(clientId, Redirect, OAuthFlow.ChallengeOf(verifier)), Redirect);
        var (first, tokens) = await flow.RedeemAsync(clientId, answer["code"], Redirect, verifier);
        var (replayed, replayError) = await flow.RedeemAsync(clientId, answer["code"], Redirect, verifier);

        Assert.Equal(flow.Issuer.AbsoluteUri, answer["iss"]);
        Assert.Equal("s1", answer["state"]);
        Assert.Equal(200, first);
        Assert.Equal(400, replayed);
        Assert.Equal("invalid_grant", replayError.GetProperty("error").GetString());
        // A replayed code revokes what it issued.
        await AssertRefusedAsync(tenant, tokens.GetProperty("access_token").GetString()!);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("other-tenant")]
    [InlineData("other-url")]
    public async Task An_authorization_request_without_this_tenants_resource_is_invalid_target(string resource)
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var other = await gateway.NewTenantAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var clientId = await flow.RegisterAsync(Redirect);
        var value = resource switch
        {
            "missing" => null,
            "other-tenant" => gateway.McpUrl(other).AbsoluteUri,
            _ => new Uri(gateway.GatewayUrl, $"t/{tenant}/mcp/other").AbsoluteUri,
        };

        await AssertShownErrorAsync(browser, flow.AuthorizeUrl(clientId, Redirect, OAuthFlow.ChallengeOf(OAuthFlow.NewVerifier()), resource: value), "invalid_target");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("plain", "plain")]
    public async Task An_authorization_request_without_an_S256_challenge_is_refused(string? challenge, string? method)
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var clientId = await flow.RegisterAsync(Redirect);

        await AssertShownErrorAsync(browser, flow.AuthorizeUrl(clientId, Redirect, challenge is null ? null : OAuthFlow.NewVerifier(), method), "invalid_request");
    }

    [Fact]
    public async Task A_wrong_verifier_a_mismatched_redirect_uri_or_a_missing_resource_cannot_redeem_a_code()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var clientId = await flow.RegisterAsync(Redirect);

        async Task<string> CodeAsync(string verifier) =>
            (await OAuthFlow.AuthorizeAsync(browser, flow.AuthorizeUrl(clientId, Redirect, OAuthFlow.ChallengeOf(verifier)), Redirect))["code"];

        var verifier = OAuthFlow.NewVerifier();
        var wrongVerifier = await flow.RedeemAsync(clientId, await CodeAsync(verifier), Redirect, OAuthFlow.NewVerifier());
        var otherRedirect = await flow.RedeemAsync(clientId, await CodeAsync(verifier), "http://127.0.0.1:2/elsewhere", verifier);
        var noResource = await flow.RedeemAsync(clientId, await CodeAsync(verifier), Redirect, verifier, resource: null);

        Assert.Equal("invalid_grant", wrongVerifier.Body.GetProperty("error").GetString());
        Assert.Equal("invalid_grant", otherRedirect.Body.GetProperty("error").GetString());
        Assert.Equal("invalid_target", noResource.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unregistered_client_or_an_unregistered_redirect_uri_is_shown_an_error_and_never_redirected_to()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var clientId = await flow.RegisterAsync(Redirect);
        var challenge = OAuthFlow.ChallengeOf(OAuthFlow.NewVerifier());

        // RFC 6749 4.1.2.1: an unknown client is told to the person, not redirected (invalid_request, naming client_id);
        // at the token endpoint it is invalid_client (5.2).
        await AssertShownErrorAsync(browser, flow.AuthorizeUrl("dcr_nobody", Redirect, challenge), "invalid_request", "The specified 'client_id' is invalid");
        Assert.Equal("invalid_client", (await flow.RedeemAsync("dcr_nobody", "some-code", Redirect, OAuthFlow.NewVerifier())).Body.GetProperty("error").GetString());
        await AssertShownErrorAsync(browser, flow.AuthorizeUrl(clientId, "https://attacker.example/cb", challenge), "invalid_request");
    }

    [Fact]
    public async Task A_blocked_client_is_refused_at_authorization_and_its_tokens_stop_working()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var (clientId, tokens) = await flow.SignInAsync(browser);
        var registry = gateway.Grains.GetOAuthClientRegistryGrain(tenant);

        await registry.SetPolicyAsync(OAuthClientPolicy.Default with { BlockedClientIds = [clientId] });
        await AssertShownErrorAsync(browser, flow.AuthorizeUrl(clientId, Redirect, OAuthFlow.ChallengeOf(OAuthFlow.NewVerifier())), "unauthorized_client");
        var refresh = await flow.RefreshAsync(clientId, tokens.GetProperty("refresh_token").GetString()!);

        Assert.Equal("invalid_client", refresh.Body.GetProperty("error").GetString());
        await AssertRefusedAsync(tenant, tokens.GetProperty("access_token").GetString()!);
    }

    [Theory]
    [InlineData("large", "larger than")]
    [InlineData("redirect", "redirects are not followed")]
    [InlineData("wrong-id", "client_id is not the URL it was fetched from")]
    [InlineData("secret", "public client")]
    [InlineData("unreachable", "could not be fetched")]
    [InlineData("private", "private, loopback, link-local or metadata addresses")]
    [InlineData("plain-http", "must be an https URL")]
    public async Task A_client_metadata_document_that_cannot_be_trusted_is_invalid_client(string document, string reason)
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var clientId = document switch
        {
            "unreachable" => $"https://127.0.0.1:{gateway.UnreachablePort}/clients/good.json",
            "private" => $"https://127.0.0.1:{gateway.ClientMetadata.Port + 1}/clients/good.json",
            "plain-http" => $"http://127.0.0.1:{gateway.ClientMetadata.Port}/clients/good.json",
            _ => gateway.ClientMetadata.Document(document).AbsoluteUri,
        };

        await AssertShownErrorAsync(browser, flow.AuthorizeUrl(clientId, Redirect, OAuthFlow.ChallengeOf(OAuthFlow.NewVerifier())), "invalid_client", reason);
    }

    [Fact]
    public async Task A_metadata_document_client_may_only_use_the_redirect_uris_its_document_names_and_only_where_the_tenant_accepts_it()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var challenge = OAuthFlow.ChallengeOf(OAuthFlow.NewVerifier());

        await AssertShownErrorAsync(browser, flow.AuthorizeUrl(gateway.ClientMetadata.Document("other-redirects").AbsoluteUri, Redirect, challenge), "invalid_request", "redirect_uri");
        await gateway.Grains.GetOAuthClientRegistryGrain(tenant).SetPolicyAsync(OAuthClientPolicy.Default with { AcceptMetadataDocuments = false });
        await AssertShownErrorAsync(browser, flow.AuthorizeUrl(gateway.ClientMetadata.Document("good").AbsoluteUri, Redirect, challenge), "unauthorized_client");
    }

    [Fact]
    public async Task A_tenant_refusing_dynamic_registration_refuses_the_registration()
    {
        var tenant = await gateway.NewTenantAsync();
        await gateway.Grains.GetOAuthClientRegistryGrain(tenant).SetPolicyAsync(OAuthClientPolicy.Default with { AcceptDynamicRegistration = false });
        using var http = new HttpClient();

        using var response = await http.PostAsJsonAsync(new OAuthFlow(gateway, tenant).Endpoint("oauth/register"), new { redirect_uris = new[] { Redirect } });
        using var badRedirect = await http.PostAsJsonAsync(new OAuthFlow(gateway, await gateway.NewTenantAsync()).Endpoint("oauth/register"), new { redirect_uris = PlainHttpRedirect });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("invalid_redirect_uri", (await badRedirect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_access_token_works_only_on_its_own_tenants_endpoint()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var other = await gateway.NewTenantAsync();
        var (clientId, tokens) = await new OAuthFlow(gateway, tenant).SignInAsync(browser);
        var accessToken = tokens.GetProperty("access_token").GetString()!;

        await using var client = await gateway.ConnectClientAsync(tenant, accessToken);
        Assert.NotEmpty(await client.ListToolsAsync());
        await client.CallToolAsync("list_spaces", new Dictionary<string, object?>());
        await AssertRefusedAsync(other, accessToken);

        var row = Assert.Single(await gateway.AuditRowsAsync(tenant, "list_spaces"));
        Assert.Equal($"oauth:{clientId}", row.GetProperty("credential").GetString());
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("forged")]
    [InlineData("none")]
    [InlineData("wrong-audience")]
    public async Task Expired_forged_unsigned_or_misaddressed_tokens_are_refused(string kind)
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var (clientId, tokens) = await new OAuthFlow(gateway, tenant).SignInAsync(browser);
        var genuine = new JsonWebToken(tokens.GetProperty("access_token").GetString());
        var keys = gateway.Playground.ApiServices.GetRequiredService<OAuthSigningKeys>();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = genuine.Subject,
            ["client_id"] = clientId,
            ["oi_au_id"] = genuine.GetClaim("oi_au_id").Value,
            ["scope"] = "confluence:read confluence:write",
        };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = genuine.Issuer,
            Audience = gateway.McpUrl(tenant).AbsoluteUri,
            Claims = claims,
            TokenType = "at+jwt",
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            NotBefore = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(keys.SigningKeys[0], SecurityAlgorithms.EcdsaSha256),
        };
        var handler = new JsonWebTokenHandler();
        var valid = handler.CreateToken(descriptor);
        var token = kind switch
        {
            "expired" => handler.CreateToken(Change(descriptor, d => d.Expires = DateTime.UtcNow.AddMinutes(-5))),
            "forged" => handler.CreateToken(Change(descriptor, d => d.SigningCredentials = new SigningCredentials(
                new ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)) { KeyId = keys.SigningKeys[0].KeyId },
                SecurityAlgorithms.EcdsaSha256))),
            "none" => Unsigned(genuine),
            _ => handler.CreateToken(Change(descriptor, d => d.Audience = new Uri(gateway.GatewayUrl, "t/elsewhere/mcp").AbsoluteUri)),
        };

        Assert.Equal(HttpStatusCode.OK, await InitializeStatusAsync(tenant, valid));
        Assert.Equal(HttpStatusCode.Unauthorized, await InitializeStatusAsync(tenant, token));
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_reused_one_revokes_the_whole_grant()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var (clientId, first) = await flow.SignInAsync(browser);
        var firstRefresh = first.GetProperty("refresh_token").GetString()!;

        var (status, second) = await flow.RefreshAsync(clientId, firstRefresh);
        Assert.True(status == 200 && second.TryGetProperty("refresh_token", out _), second.ToString());
        var secondRefresh = second.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(firstRefresh, secondRefresh);
        Assert.Equal(HttpStatusCode.OK, await InitializeStatusAsync(tenant, second.GetProperty("access_token").GetString()!));

        var reuse = await flow.RefreshAsync(clientId, firstRefresh);
        var afterReuse = await flow.RefreshAsync(clientId, secondRefresh);

        Assert.Equal("invalid_grant", reuse.Body.GetProperty("error").GetString());
        Assert.Equal("invalid_grant", afterReuse.Body.GetProperty("error").GetString());
        await AssertRefusedAsync(tenant, second.GetProperty("access_token").GetString()!);
    }

    [Fact]
    public async Task Revoking_the_refresh_token_stops_the_access_token_at_once()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var (clientId, tokens) = await flow.SignInAsync(browser);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await InitializeStatusAsync(tenant, accessToken));

        Assert.Equal(200, await flow.RevokeAsync(clientId, tokens.GetProperty("refresh_token").GetString()!));

        await AssertRefusedAsync(tenant, accessToken);
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(clientId, tokens.GetProperty("refresh_token").GetString()!)).Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_user_revoking_a_client_stops_its_calls_and_the_next_sign_in_asks_for_consent_again()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var flow = new OAuthFlow(gateway, tenant);
        var (clientId, tokens) = await flow.SignInAsync(browser);
        var user = UserId.Parse(new JsonWebToken(tokens.GetProperty("access_token").GetString()).Subject);

        Assert.Equal(1, await gateway.Grains.GetOAuthGrantsGrain(tenant, user).RevokeAsync(clientId));

        await AssertRefusedAsync(tenant, tokens.GetProperty("access_token").GetString()!);
        browser.Trail.Clear();
        await OAuthFlow.AuthorizeAsync(browser, flow.AuthorizeUrl(clientId, Redirect, OAuthFlow.ChallengeOf(OAuthFlow.NewVerifier())), Redirect);
        Assert.Contains(browser.Trail, step => step.StartsWith("200 GET", StringComparison.Ordinal) && step.Contains("/oauth/authorize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_read_only_grant_lists_only_read_tools_and_a_write_call_gets_insufficient_scope()
    {
        var (tenant, browser) = await SignedInPersonAsync();
        var (_, tokens) = await new OAuthFlow(gateway, tenant).SignInAsync(browser, scope: "confluence:read");
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        await using var client = await gateway.ConnectClientAsync(tenant, accessToken);

        var tools = await client.ListToolsAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.McpUrl(tenant))
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"create_page","arguments":{}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        using var response = await http.SendAsync(request);
        // A 2026-07-28 client names the tool in its Mcp-Name header, which is what the challenge reads then.
        using var modern = await http.SendAsync(RawMcp.PostModern(gateway.McpUrl(tenant), accessToken, "tools/call", "create_page", "tools/call", "create_page"));

        Assert.NotEmpty(tools);
        Assert.Equal(HttpStatusCode.Forbidden, modern.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", modern.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.All(tools, tool => Assert.True(tool.ProtocolTool.Annotations?.ReadOnlyHint, tool.Name));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"confluence:read confluence:write\"", challenge, StringComparison.Ordinal);
    }

    private Task<(TenantId Tenant, SignInBrowser Browser)> SignedInPersonAsync() => gateway.SignedInPersonAsync();

    /// <summary>
    /// OpenIddict shows a refused authorization request to the person (the RFC error code in the page) rather than
    /// redirecting it to a client that failed validation: nothing reaches the redirect URI, no code is issued.
    /// </summary>
    private static async Task AssertShownErrorAsync(SignInBrowser browser, Uri authorizeUrl, string error, string? description = null)
    {
        using var response = await browser.GetAsync(authorizeUrl);
        // invalid_client is 401 (RFC 6749 5.2), every other refusal 400.
        Assert.Equal(error == "invalid_client" ? HttpStatusCode.Unauthorized : HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"error:{error}\n", page, StringComparison.Ordinal);
        Assert.Contains(description ?? "", page, StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(TenantId tenant, string accessToken) =>
        Assert.Equal(HttpStatusCode.Unauthorized, await InitializeStatusAsync(tenant, accessToken));

    private Task<HttpStatusCode> InitializeStatusAsync(TenantId tenant, string accessToken) => OAuthFlow.InitializeStatusAsync(gateway.McpUrl(tenant), accessToken);

    private static SecurityTokenDescriptor Change(SecurityTokenDescriptor descriptor, Action<SecurityTokenDescriptor> change)
    {
        change(descriptor);
        return descriptor;
    }

    private static string Unsigned(JsonWebToken genuine)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        return $"{header}.{genuine.EncodedPayload}.";
    }
}
