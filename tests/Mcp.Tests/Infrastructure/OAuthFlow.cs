using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using Platform.Grains.Identity;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>
/// The OAuth protocol steps done by hand (no SDK), so tests can send exactly the wrong request they mean to:
/// registration, an authorization request through the browser, and token, refresh and revocation requests.
/// </summary>
public sealed class OAuthFlow(GatewayFixture gateway, TenantId tenant)
{
    /// <summary>Shared: the requests are one-offs and a client per flow would only leak sockets.</summary>
    private static readonly HttpClient http = new();

    public Uri Issuer => new(gateway.GatewayUrl, $"t/{tenant}/");

    public string Resource => gateway.McpUrl(tenant).AbsoluteUri;

    public Uri Endpoint(string path) => new(Issuer, path);

    public static string NewVerifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string ChallengeOf(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public async Task<string> RegisterAsync(string redirectUri)
    {
        using var response = await http.PostAsJsonAsync(Endpoint("oauth/register"), new Dictionary<string, object> { ["redirect_uris"] = new[] { redirectUri }, ["client_name"] = "raw test client" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_id").GetString()!;
    }

    /// <summary>An authorization URL; each parameter can be left out (null) or changed.</summary>
    public Uri AuthorizeUrl(string clientId, string redirectUri, string? challenge, string? method = "S256", string? resource = "", string? scope = "confluence:read confluence:write", string state = "s1")
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = challenge is null ? null : method,
            ["resource"] = resource == "" ? Resource : resource,
        };
        return new Uri(QueryHelpers.AddQueryString(Endpoint("oauth/authorize").AbsoluteUri, query.Where(p => p.Value is not null)!));
    }

    /// <summary>Signs in with <paramref name="browser"/> and returns the code, or the whole redirect when it carries an error.</summary>
    public static async Task<Dictionary<string, string>> AuthorizeAsync(SignInBrowser browser, Uri authorizeUrl, string redirectUri) =>
        QueryHelpers.ParseQuery((await browser.AuthorizeAsync(authorizeUrl, new Uri(redirectUri))).Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public Task<(int Status, JsonElement Body)> RedeemAsync(string clientId, string code, string redirectUri, string? verifier, string? resource = "") =>
        TokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
            ["resource"] = resource == "" ? Resource : resource,
        });

    public Task<(int Status, JsonElement Body)> RefreshAsync(string clientId, string refreshToken) =>
        TokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["refresh_token"] = refreshToken,
            ["resource"] = Resource,
        });

    public async Task<int> RevokeAsync(string clientId, string token)
    {
        using var response = await http.PostAsync(Endpoint("oauth/revoke"), new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = clientId, ["token"] = token }));
        return (int)response.StatusCode;
    }

    /// <summary>Registers a client, signs the person in with <paramref name="browser"/> and redeems the code: a token response.</summary>
    public async Task<(string ClientId, JsonElement Tokens)> SignInAsync(SignInBrowser browser, string scope = "confluence:read confluence:write")
    {
        var redirect = GatewayFixture.OAuthRedirectUri.AbsoluteUri;
        var clientId = await RegisterAsync(redirect);
        var verifier = NewVerifier();
        var answer = await AuthorizeAsync(browser, AuthorizeUrl(clientId, redirect, ChallengeOf(verifier), scope: scope), redirect);
        var (status, tokens) = await RedeemAsync(clientId, answer["code"], redirect, verifier);
        return status == 200 ? (clientId, tokens) : throw new InvalidOperationException($"Token request failed: {status} {tokens}");
    }

    /// <summary>The HTTP status an MCP <c>initialize</c> with <paramref name="accessToken"/> gets: 200 accepted, 401 refused.</summary>
    public static async Task<System.Net.HttpStatusCode> InitializeStatusAsync(Uri mcpUrl, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl)
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<(int Status, JsonElement Body)> TokenAsync(Dictionary<string, string?> form)
    {
        using var response = await http.PostAsync(Endpoint("oauth/token"), new FormUrlEncodedContent(form.Where(p => p.Value is not null)!));
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
