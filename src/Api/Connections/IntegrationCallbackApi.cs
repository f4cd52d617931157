using Platform.Grains;
using Platform.Api.Pages;
using Platform.Api.Security;
using Platform.Api.SignIn;
using Platform.Grains.Connections;
using Platform.Grains.SignIn;

namespace Platform.Api.Connections;

/// <summary>
/// <c>GET /integration-callback</c>: where Atlassian sends the person back after consent. The one-time state routes to
/// the user's grain, which checks it and stores the tokens; the person sees a plain page saying what happened.
/// </summary>
public static class IntegrationCallbackApi
{
    public static IEndpointRouteBuilder MapIntegrationCallbackApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(PublicEndpointOptions.CallbackPath, CompleteAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> CompleteAsync(string? code, string? state, string? error, IGrainFactory grains, HttpContext http)
    {
        // Signing in with Atlassian shares the app's one registered callback with connect links.
        if (SignInState.TryParse(state, out var signInTenant, out var signInNonce))
        {
            return await SignInApi.CompleteAtlassianAsync(http, signInTenant, signInNonce, code, error);
        }

        if (!ConnectState.TryParse(state, out var tenant, out var user, out var nonce)
            || !await http.RequestServices.GetRequiredService<KnownTenants>().ExistsAsync(tenant))
        {
            return Page(false, "This link is not a valid connect link. Ask your AI client for a new one.");
        }

        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            return Page(false, error == "access_denied"
                ? "You declined access at Atlassian, so nothing was connected."
                : "Atlassian did not complete the authorization. Ask your AI client for a new connect link.");
        }

        var outcome = await grains.GetUserConnectionGrain(tenant, user).CompleteConnectAsync(nonce, code);
        // Connecting was the second step of a sign-in: go on to where that sign-in was going.
        return outcome.Succeeded && http.RequestServices.GetRequiredService<SignInFlow>().TakeContinuation(http, tenant) is { } next
            ? Results.Redirect(next)
            : Page(outcome.Succeeded, outcome.Message);
    }

    private static IResult Page(bool succeeded, string message) =>
        HtmlPage.Message(succeeded ? "Connected to Atlassian" : "Not connected", message, succeeded ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
}
