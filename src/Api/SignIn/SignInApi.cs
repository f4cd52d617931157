using Platform.Api.OAuth;
using Platform.Api.Pages;
using Platform.Api.Security;
using Platform.Grains;
using Platform.Grains.Connections;
using Platform.Grains.Identity;
using Platform.Grains.SignIn;
using Platform.Grains.Tenants;
using Platform.Grains.Refusals;

namespace Platform.Api.SignIn;

/// <summary>
/// Signing a tenant's people in: <c>GET /t/{tenant}/signin?returnUrl=…</c> sends the person to the tenant's method
/// (Atlassian through the shared <c>/integration-callback</c>, or the tenant's OpenID Connect provider, back to
/// <c>/t/{tenant}/signin/oidc/callback</c>); a matched directory user gets the session cookie and returns to where they
/// were going (only ever a page of the same tenant).
/// </summary>
public static class SignInApi
{
    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/t/{tenant}/signin", StartAsync).ExcludeFromDescription();
        routes.MapGet("/t/{tenant}/signin/oidc/callback", CompleteOidcAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> StartAsync(string tenant, string? returnUrl, HttpContext http, IGrainFactory grains, SignInFlow flow, TenantUrls urls)
    {
        if (!TenantId.TryParse(tenant, out var id) || !await http.RequestServices.GetRequiredService<KnownTenants>().ExistsAsync(id)
            || await grains.GetTenantGrain(id).GetAsync() is not { Status: TenantStatus.Active })
        {
            return HtmlPage.Message("Cannot sign in", "This organisation does not exist or does not offer AI access.", StatusCodes.Status404NotFound);
        }

        var target = SafeReturnUrl(id, returnUrl);
        var signIn = grains.GetTenantSignInGrain(id);
        var nonce = SignInFlow.NewNonce();
        try
        {
            if ((await signIn.GetSettingsAsync()).Settings.Method == SignInMethod.Atlassian)
            {
                flow.Begin(http, new PendingSignIn(id.Value, nonce, target, null));
                return Results.Redirect((await signIn.CreateAtlassianSignInUrlAsync(SignInState.Format(id, nonce))).AbsoluteUri);
            }

            var request = new OidcSignInRequest(nonce, SignInFlow.NewNonce(), SignInFlow.NewNonce(), urls.OidcCallback(id));
            flow.Begin(http, new PendingSignIn(id.Value, nonce, target, request));
            return Results.Redirect((await signIn.CreateOidcSignInUrlAsync(request)).AbsoluteUri);
        }
        catch (ConflictException exception)
        {
            return HtmlPage.Message("Cannot sign in", exception.Message, StatusCodes.Status409Conflict);
        }
    }

    /// <summary>Atlassian's answer to a sign-in (routed here by <see cref="Connections.IntegrationCallbackApi"/>).</summary>
    public static async Task<IResult> CompleteAtlassianAsync(HttpContext http, TenantId tenant, string nonce, string? code, string? error)
    {
        var pending = http.RequestServices.GetRequiredService<SignInFlow>().Complete(http, tenant, nonce);
        if (pending is null)
        {
            return Expired();
        }

        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            return HtmlPage.Message("Not signed in", "Atlassian did not sign you in, so nothing was authorized.", StatusCodes.Status400BadRequest);
        }

        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        return await FinishAsync(http, tenant, pending, await grains.GetTenantSignInGrain(tenant).CompleteAtlassianSignInAsync(code), "atlassian");
    }

    private static async Task<IResult> CompleteOidcAsync(string tenant, string? code, string? state, string? error, HttpContext http, IGrainFactory grains, SignInFlow flow)
    {
        if (!TenantId.TryParse(tenant, out var id) || state is null || flow.Complete(http, id, state) is not { Oidc: { } request } pending)
        {
            return Expired();
        }

        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            return HtmlPage.Message("Not signed in", "Your identity provider did not sign you in, so nothing was authorized.", StatusCodes.Status400BadRequest);
        }

        return await FinishAsync(http, id, pending, await grains.GetTenantSignInGrain(id).CompleteOidcSignInAsync(request, code), "oidc");
    }

    private static async Task<IResult> FinishAsync(HttpContext http, TenantId tenant, PendingSignIn pending, SignInOutcome outcome, string method)
    {
        if (outcome.User is not { } user)
        {
            return HtmlPage.Message("Not signed in", outcome.Message, StatusCodes.Status403Forbidden);
        }

        await SignInSession.SignInAsync(http, tenant, user, outcome.DisplayName ?? user.Value, method);
        return await ConnectFirstAsync(http, tenant, user, pending.ReturnUrl) ?? Results.Redirect(pending.ReturnUrl);
    }

    /// <summary>
    /// A per-user OAuth tenant's person who signed in without connecting Atlassian (their own identity provider) connects
    /// now, as the second step, and comes back to where they were going; null when nothing needs connecting.
    /// </summary>
    private static async Task<IResult?> ConnectFirstAsync(HttpContext http, TenantId tenant, UserId user, string returnUrl)
    {
        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        if (await grains.GetTenantGrain(tenant).GetIntegrationAsync() is not { Settings.Mode: CredentialMode.PerUserOAuth }
            || (await grains.GetUserConnectionGrain(tenant, user).GetConnectionAsync()).Status == ConnectionStatus.Connected)
        {
            return null;
        }

        try
        {
            var link = await grains.GetUserConnectionGrain(tenant, user).CreateConnectLinkAsync();
            http.RequestServices.GetRequiredService<SignInFlow>().RememberContinuation(http, tenant, returnUrl);
            return Results.Redirect(link.Url.AbsoluteUri);
        }
        catch (ConflictException)
        {
            // The tenant's Atlassian app is not ready: the person is signed in, and tools will say what is missing.
            return null;
        }
    }

    private static IResult Expired() => HtmlPage.Message(
        "Sign-in expired", "This sign-in was not started in this browser, was already used, or took longer than 10 minutes. Start again from your AI client.",
        StatusCodes.Status400BadRequest);

    /// <summary>
    /// Only a page of the same tenant (its own pages or its console pages), as a path: never another site (an open
    /// redirect) or another tenant.
    /// </summary>
    private static string SafeReturnUrl(TenantId tenant, string? returnUrl)
    {
        var console = $"/console/t/{tenant.Value}";
        var ofTenant = returnUrl is not null
            && (returnUrl.StartsWith($"/t/{tenant.Value}/", StringComparison.Ordinal) || returnUrl == console || returnUrl.StartsWith($"{console}/", StringComparison.Ordinal));
        return ofTenant && !returnUrl!.Contains('\\', StringComparison.Ordinal) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : $"{console}/account";
    }
}
