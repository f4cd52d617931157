using Microsoft.AspNetCore.Antiforgery;
using Platform.Api.Admin;
using Platform.Api.OAuth;
using Platform.Api.Pages;
using Platform.Grains;
using Platform.Grains.Identity;
using static Platform.Api.Pages.HtmlPage;

namespace Platform.Api.SignIn;

/// <summary>
/// A person's own page, <c>/t/{tenant}/account</c>: the AI clients they have authorized, each with a button that revokes
/// it (its tokens stop working at once). Needs the sign-in session; the form carries an antiforgery token.
/// </summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/t/{tenant}/account", ShowAsync).ExcludeFromDescription();
        routes.MapPost("/t/{tenant}/account/revoke", RevokeAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> ShowAsync(string tenant, HttpContext http, IGrainFactory grains, IAntiforgery antiforgery, TenantUrls urls)
    {
        if (!TenantId.TryParse(tenant, out var id) || await SignInSession.UserOfAsync(http, id) is not { } session)
        {
            return TenantId.TryParse(tenant, out id)
                ? Results.Redirect($"{urls.SignIn(id)}?returnUrl={Uri.EscapeDataString($"/t/{id}/account")}")
                : Results.NotFound();
        }

        var clients = await http.RequestServices.GetRequiredService<OAuthAdmin>().GetAuthorizedClientsAsync(id, session.User);
        var tokens = antiforgery.GetAndStoreTokens(http);
        var rows = clients.Count == 0
            ? "<p>You have not authorized any AI client.</p>"
            : "<ul>" + string.Concat(clients.Select(client => $"""
                <li><strong>{E(client.ClientId)}</strong>: {E(string.Join(", ", client.Scopes))}
                <form method="post" action="/t/{E(id.Value)}/account/revoke" style="display:inline">
                <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
                <input type="hidden" name="clientId" value="{E(client.ClientId)}">
                <button type="submit" aria-label="Revoke {E(client.ClientId)}">Revoke</button></form></li>
                """)) + "</ul>";
        return HtmlPage.Render("Your authorized AI clients", $"<p>Signed in as {E(session.DisplayName)} ({E(session.User.Value)}).</p>{rows}");
    }

    private static async Task<IResult> RevokeAsync(string tenant, HttpContext http, IGrainFactory grains, IAntiforgery antiforgery)
    {
        if (!TenantId.TryParse(tenant, out var id) || await SignInSession.UserOfAsync(http, id) is not { } session)
        {
            return HtmlPage.Message("Not signed in", "Sign in again to manage your AI clients.", StatusCodes.Status401Unauthorized);
        }

        await antiforgery.ValidateRequestAsync(http);
        var clientId = http.Request.Form["clientId"].ToString();
        await grains.GetOAuthGrantsGrain(id, session.User).RevokeAsync(clientId);
        return Results.Redirect($"/t/{id.Value}/account");
    }
}
