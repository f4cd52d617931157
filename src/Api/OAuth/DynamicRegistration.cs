using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Platform.Api.Security;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.OAuth;
using Platform.Grains.Tenants;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Platform.Grains.Refusals;

namespace Platform.Api.OAuth;

/// <summary>
/// RFC 7591 dynamic client registration at <c>/t/{tenant}/oauth/register</c>, when the tenant accepts it. Every client
/// registered this way is a public client using PKCE: a request for a secret-based method is answered with
/// <c>token_endpoint_auth_method: none</c>, as RFC 7591 lets a server replace requested metadata.
/// </summary>
public static class DynamicRegistration
{
    private const int MaxRedirectUris = 10;

    public static IEndpointRouteBuilder MapDynamicRegistration(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/t/{tenant}/oauth/register", RegisterAsync).ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> RegisterAsync(string tenant, RegistrationRequest? request, IGrainFactory grains, KnownTenants tenants, TimeProvider time)
    {
        if (!TenantId.TryParse(tenant, out var id) || !await tenants.ExistsAsync(id)
            || await grains.GetTenantGrain(id).GetAsync() is not { Status: not TenantStatus.Deleted })
        {
            return Results.NotFound();
        }

        var registry = grains.GetOAuthClientRegistryGrain(id);
        if (!(await registry.GetPolicyAsync()).AcceptDynamicRegistration)
        {
            return Error("access_denied", "This organisation does not accept dynamically registered clients.", StatusCodes.Status403Forbidden);
        }

        if (request?.RedirectUris is not { Count: > 0 and <= MaxRedirectUris } redirects)
        {
            return Error("invalid_redirect_uri", $"redirect_uris must list 1 to {MaxRedirectUris} URIs.");
        }

        if (redirects.FirstOrDefault(uri => !IsAcceptableRedirect(uri)) is { } bad)
        {
            return Error("invalid_redirect_uri", $"'{bad}' is not an acceptable redirect URI: use https, http on a loopback address, or an app's private scheme, without a fragment.");
        }

        if (request.GrantTypes is { } grantTypes && grantTypes.Any(grant => grant is not (GrantTypes.AuthorizationCode or GrantTypes.RefreshToken)))
        {
            return Error("invalid_client_metadata", "Only the authorization_code and refresh_token grants are offered.");
        }

        if (request.ResponseTypes is { } responseTypes && responseTypes.Any(type => type != ResponseTypes.Code))
        {
            return Error("invalid_client_metadata", "Only the code response type is offered.");
        }

        var name = string.IsNullOrWhiteSpace(request.ClientName) ? "Unnamed client" : request.ClientName.Trim()[..Math.Min(request.ClientName.Trim().Length, 100)];
        var client = OAuthClients.Public($"dcr_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}", name, redirects, ClientRegistration.Dynamic, time.GetUtcNow());
        try
        {
            await registry.RegisterAsync(client);
        }
        catch (ConflictException exception)
        {
            return Error("invalid_client_metadata", exception.Message);
        }

        return Results.Json(new RegistrationResponse(
            client.ClientId, client.CreatedAt.ToUnixTimeSeconds(), client.DisplayName!, client.RedirectUris, ClientAuthenticationMethods.None,
            [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken], [ResponseTypes.Code]), statusCode: StatusCodes.Status201Created);
    }

    /// <summary>https anywhere, http only back to this machine (RFC 8252 loopback), or a native app's private-use scheme.</summary>
    public static bool IsAcceptableRedirect(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Fragment.Length == 0 && parsed.Scheme switch
        {
            "https" => true,
            "http" => parsed.IsLoopback,
            "javascript" or "data" or "file" or "vbscript" => false,
            _ => parsed.Scheme.Length > 0,
        };

    private static IResult Error(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    internal sealed record RegistrationRequest(
        [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string>? RedirectUris,
        [property: JsonPropertyName("client_name")] string? ClientName,
        [property: JsonPropertyName("grant_types")] IReadOnlyList<string>? GrantTypes,
        [property: JsonPropertyName("response_types")] IReadOnlyList<string>? ResponseTypes,
        [property: JsonPropertyName("token_endpoint_auth_method")] string? TokenEndpointAuthMethod);

    internal sealed record RegistrationResponse(
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("client_id_issued_at")] long ClientIdIssuedAt,
        [property: JsonPropertyName("client_name")] string ClientName,
        [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string> RedirectUris,
        [property: JsonPropertyName("token_endpoint_auth_method")] string TokenEndpointAuthMethod,
        [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes,
        [property: JsonPropertyName("response_types")] IReadOnlyList<string> ResponseTypes);
}
