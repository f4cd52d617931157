using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Api.SignIn;
using Platform.Grains;
using Platform.Grains.Tenants;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Api.OAuth;

/// <summary>
/// The authorization endpoint after OpenIddict has validated the request (client, redirect URI, PKCE S256, resource,
/// client policy): the person must be signed in to this tenant and enabled, then consents once per client and set of
/// scopes (remembered as a permanent authorization until revoked). The code is issued by OpenIddict, with RFC 9207 <c>iss</c>.
/// </summary>
public static class AuthorizationEndpoint
{
    public const string DecisionField = "platform_decision";

    public static IEndpointRouteBuilder MapAuthorizationEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/t/{tenant}/oauth/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http, IGrainFactory grains, IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations,
        IAntiforgery antiforgery, TenantUrls urls)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not handle this authorization request.");
        var tenant = OAuthTenant.Of(http);
        var details = await grains.GetTenantGrain(tenant).GetAsync();
        if (details is not { Status: TenantStatus.Active })
        {
            return Refuse(Errors.AccessDenied, "This organisation's AI access to Confluence is not active.");
        }

        if (await SignInSession.UserOfAsync(http, tenant) is not { } session)
        {
            // Back here once signed in; a consent form posted without a session starts over the same way.
            var back = HttpMethods.IsGet(http.Request.Method) ? $"{http.Request.Path}{http.Request.QueryString}" : $"{http.Request.Path}?{Query(request)}";
            return Results.Redirect($"{urls.SignIn(tenant)}?returnUrl={Uri.EscapeDataString(back)}");
        }

        if (await grains.GetTenantGovernanceGrain(tenant).GetUserAsync(session.User) is not { Enabled: true })
        {
            return Refuse(Errors.AccessDenied, $"User '{session.User}' is not an enabled member of this organisation.");
        }

        var clientId = request.ClientId!;
        var client = await applications.FindByClientIdAsync(clientId) ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
        var scopes = GrantedScopes(request);
        var subject = session.User.Value;
        object? authorization = null;
        await foreach (var existing in authorizations.FindAsync(subject, clientId, Statuses.Valid, AuthorizationTypes.Permanent, [.. scopes]))
        {
            authorization = existing;
            break;
        }

        if (authorization is null)
        {
            if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType || !http.Request.Form.ContainsKey(DecisionField))
            {
                return ConsentPage.Render(http, antiforgery, request, details.DisplayName, session.DisplayName, subject,
                    await applications.GetDisplayNameAsync(client) ?? clientId, scopes);
            }

            await antiforgery.ValidateRequestAsync(http);
            if (http.Request.Form[DecisionField] != "allow")
            {
                return Refuse(Errors.AccessDenied, "You declined to authorize this client.");
            }
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaim(Claims.Name, session.DisplayName);
        identity.SetScopes(scopes).SetResources(urls.Resource(tenant).AbsoluteUri);
        authorization ??= await authorizations.CreateAsync(new ClaimsPrincipal(identity), subject, clientId, AuthorizationTypes.Permanent, [.. scopes]);
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization));
        identity.SetDestinations(claim => claim.Type == Claims.Name ? [] : [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>What was asked for (everything the endpoint offers when nothing was), always with offline access: MCP clients live on refresh tokens.</summary>
    private static List<string> GrantedScopes(OpenIddictRequest request)
    {
        var requested = request.GetScopes();
        var scopes = requested.IsDefaultOrEmpty ? [.. OAuthScopes.ResourceScopes] : requested.ToList();
        if (scopes.Contains(OAuthScopes.Write) && !scopes.Contains(OAuthScopes.Read))
        {
            scopes.Add(OAuthScopes.Read);
        }

        if (!scopes.Contains(OAuthScopes.OfflineAccess))
        {
            scopes.Add(OAuthScopes.OfflineAccess);
        }

        return scopes;
    }

    private static string Query(OpenIddictRequest request) => string.Join('&', request.GetParameters()
        .Where(parameter => parameter.Key != DecisionField && !parameter.Key.StartsWith("__", StringComparison.Ordinal))
        .Select(parameter => $"{Uri.EscapeDataString(parameter.Key)}={Uri.EscapeDataString((string?)parameter.Value ?? "")}"));

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
