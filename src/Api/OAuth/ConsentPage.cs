using Microsoft.AspNetCore.Antiforgery;
using OpenIddict.Abstractions;
using Platform.Api.Pages;
using static Platform.Api.Pages.HtmlPage;

namespace Platform.Api.OAuth;

/// <summary>
/// The consent screen: which client (its name, its id and where it will send you back), which organisation, which user
/// and which scopes in plain words; Allow or Deny. The form posts the original request back with an antiforgery token.
/// </summary>
internal static class ConsentPage
{
    public static IResult Render(
        HttpContext http, IAntiforgery antiforgery, OpenIddictRequest request, string tenantName, string userName, string userId,
        string clientName, IReadOnlyList<string> scopes)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var hidden = string.Concat(request.GetParameters()
            .Where(parameter => parameter.Key != AuthorizationEndpoint.DecisionField && !parameter.Key.StartsWith("__", StringComparison.Ordinal))
            .Select(parameter => $"""<input type="hidden" name="{E(parameter.Key)}" value="{E((string?)parameter.Value)}">"""));
        var meanings = OAuthScopes.All.ToDictionary(s => s.Scope, s => s.Meaning, StringComparer.Ordinal);
        var list = string.Concat(scopes.Select(scope => $"<li><strong>{E(scope)}</strong>: {E(meanings.GetValueOrDefault(scope, scope))}</li>"));
        var returnHost = Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var redirect) ? redirect.Authority : request.RedirectUri;
        var body = $"""
            <p><strong>{E(clientName)}</strong> wants to work in Confluence for <strong>{E(tenantName)}</strong> as you.</p>
            <dl>
            <dt>Signed in as</dt><dd>{E(userName)} ({E(userId)})</dd>
            <dt>Client</dt><dd>{E(clientName)}<br><small>client id: {E(request.ClientId)}</small></dd>
            <dt>Returns you to</dt><dd>{E(returnHost)}</dd>
            </dl>
            <h2>It will be able to</h2>
            <ul>{list}</ul>
            <p>You can revoke this at any time from your account page or by asking an admin.</p>
            <form method="post" action="{E(http.Request.PathBase + http.Request.Path)}">
            {hidden}
            <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
            <button type="submit" class="primary" name="{AuthorizationEndpoint.DecisionField}" value="allow">Allow</button>
            <button type="submit" name="{AuthorizationEndpoint.DecisionField}" value="deny">Deny</button>
            </form>
            """;
        return HtmlPage.Render($"Authorize {clientName}", body);
    }
}
