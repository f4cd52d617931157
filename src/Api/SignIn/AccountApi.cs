using Microsoft.AspNetCore.Antiforgery;
using Platform.Api.Admin;
using Platform.Api.OAuth;
using Platform.Api.Pages;
using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;
using static Platform.Api.Pages.HtmlPage;

namespace Platform.Api.SignIn;

/// <summary>
/// A person's own page, <c>/t/{tenant}/account</c>: the AI clients they have authorized, each with a button that revokes
/// it (its tokens stop working at once), and their API keys, which they issue and revoke here themselves (a key issued
/// here is self-issued: no admin ever saw it). Needs the sign-in session; every form carries an antiforgery token.
/// </summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/t/{tenant}/account", ShowAsync).ExcludeFromDescription();
        routes.MapPost("/t/{tenant}/account/revoke", RevokeAsync).ExcludeFromDescription();
        routes.MapPost("/t/{tenant}/account/api-keys", IssueKeyAsync).ExcludeFromDescription();
        routes.MapPost("/t/{tenant}/account/api-keys/revoke", RevokeKeyAsync).ExcludeFromDescription();
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
        var antiforgeryField = $"""<input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">""";
        var rows = clients.Count == 0
            ? "<p>You have not authorized any AI client.</p>"
            : "<ul>" + string.Concat(clients.Select(client => $"""
                <li><strong>{E(client.ClientId)}</strong>: {E(string.Join(", ", client.Scopes))}
                <form method="post" action="/t/{E(id.Value)}/account/revoke" style="display:inline">
                {antiforgeryField}
                <input type="hidden" name="clientId" value="{E(client.ClientId)}">
                <button type="submit" aria-label="Revoke {E(client.ClientId)}">Revoke</button></form></li>
                """)) + "</ul>";
        var keys = await KeysSectionAsync(grains, id, session.User, antiforgeryField);
        return HtmlPage.Render("Your account", $"<p>Signed in as {E(session.DisplayName)} ({E(session.User.Value)}).</p><h2>Your authorized AI clients</h2>{rows}{keys}");
    }

    private static async Task<IResult> RevokeAsync(string tenant, HttpContext http, IGrainFactory grains, IAntiforgery antiforgery)
    {
        if (await SignedInAsync(tenant, http, antiforgery) is not { } signedIn)
        {
            return NotSignedIn();
        }

        var clientId = http.Request.Form["clientId"].ToString();
        await grains.GetOAuthGrantsGrain(signedIn.Tenant, signedIn.User).RevokeAsync(clientId);
        return Results.Redirect($"/t/{signedIn.Tenant.Value}/account");
    }

    /// <summary>Issues a key the signed-in person asked for: the token is on the answering page, once.</summary>
    private static async Task<IResult> IssueKeyAsync(string tenant, HttpContext http, IAntiforgery antiforgery, DirectoryAdmin directory)
    {
        if (await SignedInAsync(tenant, http, antiforgery) is not { } signedIn)
        {
            return NotSignedIn();
        }

        var form = http.Request.Form;
        var scopes = form["admin"] == "on" ? ApiKeyScopes.All : ApiKeyScopes.Default;
        IssuedApiKeyResponse issued;
        try
        {
            issued = await directory.IssueApiKeyAsync(
                AdminActor.SignedIn(signedIn.Tenant, signedIn.User), signedIn.Tenant, signedIn.User, new ApiKeyRequest(form["name"].ToString(), null, scopes));
        }
        catch (RequestRefusedException refused)
        {
            return HtmlPage.Message("No key issued", refused.Message, StatusCodes.Status400BadRequest);
        }

        return HtmlPage.Render("Your new API key", $"""
            <p>Copy this key now: it is shown only once. It opens {E(string.Join(" and ", issued.Key.Scopes))}.</p>
            <p><code id="token">{E(issued.Token)}</code></p>
            <p><a href="/t/{E(signedIn.Tenant.Value)}/account">Back to your account</a></p>
            """);
    }

    private static async Task<IResult> RevokeKeyAsync(string tenant, HttpContext http, IAntiforgery antiforgery, DirectoryAdmin directory)
    {
        if (await SignedInAsync(tenant, http, antiforgery) is not { } signedIn)
        {
            return NotSignedIn();
        }

        try
        {
            await directory.RevokeApiKeyAsync(AdminActor.SignedIn(signedIn.Tenant, signedIn.User), signedIn.Tenant, signedIn.User, http.Request.Form["keyId"].ToString());
        }
        catch (RequestRefusedException refused)
        {
            return HtmlPage.Message("Not revoked", refused.Message, StatusCodes.Status400BadRequest);
        }

        return Results.Redirect($"/t/{signedIn.Tenant.Value}/account");
    }

    private static async Task<string> KeysSectionAsync(IGrainFactory grains, TenantId tenant, UserId user, string antiforgeryField)
    {
        var governance = grains.GetTenantGovernanceGrain(tenant);
        var keys = (await governance.GetApiKeysAsync(user)).Where(key => key.RevokedAt is null).ToList();
        var isAdmin = await governance.GetUserAsync(user) is { Role: DirectoryRole.Admin };
        var listed = keys.Count == 0
            ? "<p>You have no API keys.</p>"
            : "<ul>" + string.Concat(keys.Select(key => $"""
                <li><strong>{E(key.Name)}</strong> ({E(key.Prefix)}…): opens {E(string.Join(", ", key.Scopes))}; issued by {E(key.IssuedBy)}
                <form method="post" action="/t/{E(tenant.Value)}/account/api-keys/revoke" style="display:inline">
                {antiforgeryField}
                <input type="hidden" name="keyId" value="{E(key.KeyId)}">
                <button type="submit" aria-label="Revoke {E(key.Prefix)}">Revoke</button></form></li>
                """)) + "</ul>";
        var adminChoice = isAdmin
            ? """<p><label><input type="checkbox" name="admin"> Also open this organisation's admin API</label></p>"""
            : "";
        return $"""
            <h2>Your API keys</h2>
            {listed}
            <form method="post" action="/t/{E(tenant.Value)}/account/api-keys">
            {antiforgeryField}
            <p><label>Name <input type="text" name="name" required maxlength="100"></label></p>
            {adminChoice}
            <button type="submit">Issue a new key</button>
            </form>
            """;
    }

    /// <summary>The signed-in person of the page's tenant, once the form's antiforgery token checks out; null when not signed in.</summary>
    private static async Task<(TenantId Tenant, UserId User)?> SignedInAsync(string tenant, HttpContext http, IAntiforgery antiforgery)
    {
        if (!TenantId.TryParse(tenant, out var id) || await SignInSession.UserOfAsync(http, id) is not { } session)
        {
            return null;
        }

        await antiforgery.ValidateRequestAsync(http);
        return (id, session.User);
    }

    private static IResult NotSignedIn() =>
        HtmlPage.Message("Not signed in", "Sign in again to manage your AI clients and keys.", StatusCodes.Status401Unauthorized);
}
