using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Grains.SignIn;

/// <summary>
/// The gateway as a relying party of a tenant's OpenID Connect provider: discovery and signing keys through IdentityModel's
/// configuration manager (cached, refreshed on unknown keys), authorization code with PKCE (S256), and ID tokens
/// validated for signature, issuer, audience, lifetime and nonce. https only, except for a provider on loopback; its
/// connections reach public addresses only, unless the operator allows the host (<see cref="OidcProviderOptions"/>).
/// </summary>
public sealed class OidcRelyingParty(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "oidc-provider";
    private readonly ConcurrentDictionary<Uri, ConfigurationManager<OpenIdConnectConfiguration>> configurations = new();
    private readonly JsonWebTokenHandler tokens = new();

    internal async Task<Uri> BuildAuthorizeUrlAsync(OidcProviderSettings provider, OidcSignInRequest request, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(provider.Issuer, cancellationToken);
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = provider.ClientId,
            ["redirect_uri"] = request.RedirectUri.AbsoluteUri,
            ["scope"] = string.Join(' ', provider.Scopes),
            ["state"] = request.State,
            ["nonce"] = request.Nonce,
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(request.CodeVerifier))),
            ["code_challenge_method"] = "S256",
        };
        var separator = configuration.AuthorizationEndpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new Uri(configuration.AuthorizationEndpoint + separator + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
    }

    internal async Task<ExternalIdentity> RedeemAsync(OidcProviderSettings provider, string clientSecret, OidcSignInRequest request, string code, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(provider.Issuer, cancellationToken);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = request.RedirectUri.AbsoluteUri,
            ["code_verifier"] = request.CodeVerifier,
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint);
        if (configuration.TokenEndpointAuthMethodsSupported.Contains("client_secret_basic") || configuration.TokenEndpointAuthMethodsSupported.Count == 0)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
                $"{Uri.EscapeDataString(provider.ClientId)}:{Uri.EscapeDataString(clientSecret)}")));
        }
        else
        {
            form["client_id"] = provider.ClientId;
            form["client_secret"] = clientSecret;
        }

        message.Content = new FormUrlEncodedContent(form);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(message, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (!response.IsSuccessStatusCode || !body.RootElement.TryGetProperty("id_token", out var idToken) || idToken.ValueKind != JsonValueKind.String)
        {
            throw new SignInFailedException("Your identity provider did not complete the sign-in; try again.");
        }

        var validation = await tokens.ValidateTokenAsync(idToken.GetString(), new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = provider.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        if (!validation.IsValid || validation.ClaimsIdentity.FindFirst("nonce")?.Value != request.Nonce)
        {
            throw new SignInFailedException("Your identity provider's answer could not be verified; try again.");
        }

        var claims = validation.ClaimsIdentity;
        var subject = claims.FindFirst("sub")?.Value ?? throw new SignInFailedException("Your identity provider did not say who you are.");
        return new ExternalIdentity(
            subject,
            claims.FindFirst("email")?.Value,
            string.Equals(claims.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase),
            claims.FindFirst("name")?.Value);
    }

    private async Task<OpenIdConnectConfiguration> ConfigurationAsync(Uri issuer, CancellationToken cancellationToken)
    {
        var manager = configurations.GetOrAdd(issuer, key => new ConfigurationManager<OpenIdConnectConfiguration>(
            key.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = !key.IsLoopback }));
        try
        {
            return await manager.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            throw new SignInFailedException("This organisation's identity provider cannot be reached or is misconfigured; ask an admin.", exception);
        }
    }
}
