using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Platform.Atlassian;

/// <summary>
/// Atlassian's OAuth 2.0 (3LO) endpoints. Follows the cloud's rules: no PKCE, no RFC 8707 <c>resource</c>, JSON token
/// requests with the client secret, rotating refresh tokens. Messages it raises never carry a token, code or secret.
/// </summary>
public sealed class AtlassianOAuthClient(HttpClient http, IOptions<AtlassianOptions> options, TimeProvider time)
{
    private const string Audience = "api.atlassian.com";
    // Only these end a user's grant; a refused client secret (401 access_denied, invalid_client) is the app's problem.
    private static readonly string[] GrantRejectedErrors = ["invalid_grant", "unauthorized_client"];

    public Uri BuildAuthorizeUrl(string clientId, IEnumerable<string> scopes, Uri redirectUri, string state) =>
        new(QueryHelpers.AddQueryString(new Uri(options.Value.AuthBaseUrl, "authorize").ToString(), new Dictionary<string, string?>
        {
            ["audience"] = Audience,
            ["client_id"] = clientId,
            ["scope"] = string.Join(' ', scopes),
            ["redirect_uri"] = redirectUri.ToString(),
            ["state"] = state,
            ["response_type"] = "code",
            ["prompt"] = "consent",
        }));

    public Task<TokenSet> ExchangeCodeAsync(OAuthClientCredentials client, string code, CancellationToken cancellationToken) =>
        RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
            ["code"] = code,
            ["redirect_uri"] = client.RedirectUri.ToString(),
        }, cancellationToken);

    public Task<TokenSet> RefreshAsync(OAuthClientCredentials client, string refreshToken, CancellationToken cancellationToken) =>
        RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
            ["refresh_token"] = refreshToken,
        }, cancellationToken);

    public async Task<IReadOnlyList<AccessibleResource>> GetAccessibleResourcesAsync(string accessToken, CancellationToken cancellationToken)
    {
        var resources = await GetAsync<List<ResourceDocument>>("oauth/token/accessible-resources", accessToken, cancellationToken);
        return resources.Select(r => new AccessibleResource(r.Id, r.Name ?? r.Id, new Uri(r.Url), r.Scopes ?? [])).ToList();
    }

    public async Task<AtlassianAccount> GetCurrentAccountAsync(string accessToken, CancellationToken cancellationToken)
    {
        var me = await GetAsync<MeDocument>("me", accessToken, cancellationToken);
        return new AtlassianAccount(me.AccountId, me.Email, me.Name);
    }

    private async Task<TokenSet> RequestTokenAsync(Dictionary<string, string> body, CancellationToken cancellationToken)
    {
        var requestedAt = time.GetUtcNow();
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(new Uri(options.Value.AuthBaseUrl, "oauth/token"), body, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            throw new AtlassianUnavailableException("Atlassian's token endpoint cannot be reached.", exception);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var token = await response.Content.ReadFromJsonAsync<TokenDocument>(cancellationToken);
                if (token is not { AccessToken.Length: > 0 })
                {
                    throw new AtlassianUnavailableException("Atlassian's token endpoint answered without an access token.");
                }

                return new TokenSet(
                    token.AccessToken,
                    token.RefreshToken,
                    requestedAt.AddSeconds(token.ExpiresIn),
                    (token.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }

            var error = await ReadErrorCodeAsync(response, cancellationToken);
            if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                throw new AtlassianUnavailableException($"Atlassian's token endpoint answered {(int)response.StatusCode}.");
            }

            if (GrantRejectedErrors.Contains(error))
            {
                throw new AtlassianGrantRejectedException($"Atlassian rejected the grant ({(int)response.StatusCode} {error}).");
            }

            throw new AtlassianClientRejectedException(
                $"Atlassian refused the organisation's app credentials ({(int)response.StatusCode} {error}); an admin must check the client id and secret.");
        }
    }

    private async Task<T> GetAsync<T>(string path, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.ApiBaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new AtlassianGrantRejectedException($"Atlassian refused the token on /{path} ({(int)response.StatusCode}).");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new AtlassianUnavailableException($"Atlassian answered {(int)response.StatusCode} on /{path}.");
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new AtlassianUnavailableException($"Atlassian answered an empty body on /{path}.");
    }

    private static async Task<string> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ErrorDocument>(cancellationToken);
            return error?.Error ?? "no error code";
        }
        catch (JsonException)
        {
            return "no error code";
        }
    }

    private sealed record TokenDocument(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string? Scope);

    private sealed record ErrorDocument([property: JsonPropertyName("error")] string? Error);

    private sealed record ResourceDocument(string Id, string? Name, string Url, List<string>? Scopes);

    private sealed record MeDocument([property: JsonPropertyName("account_id")] string AccountId, string? Email, string? Name);
}
