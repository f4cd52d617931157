using AtlassianSimulator.Faults;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.OAuth;

/// <summary>The authorization server (auth.atlassian.com) under /auth.</summary>
public static class OAuthApi
{
    public static IEndpointRouteBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth");
        auth.MapGet("/authorize", Authorize);
        auth.MapPost("/authorize", AcceptConsent);
        auth.MapPost("/oauth/token", Token);
        return app;
    }

    private static IResult Authorize(HttpRequest request, OAuthService oauth, SimulatorStore store)
    {
        var q = request.Query;
        var (app, scopes, error) = oauth.CheckAuthorize(q["client_id"], q["redirect_uri"], q["scope"], q["audience"], q["response_type"]);
        if (app is null)
        {
            return Results.BadRequest(new { error, error_description = "The authorization request is invalid." });
        }
        if (error is not null)
        {
            return Results.Redirect(AddQuery(app.CallbackUrl, ("error", error), ("state", q["state"])));
        }
        var autoUser = FindUser(store, q["login_hint"]) ?? FindUser(store, store.AutoConsentAccountId);
        return autoUser is null
            ? ConsentPage.Render(app.Name, scopes, q, SiteNames(store))
            : Results.Redirect(AddQuery(app.CallbackUrl, ("code", oauth.Consent(app, autoUser, scopes, app.CallbackUrl, NullIfEmpty(q["site"]))), ("state", q["state"])));
    }

    private static async Task<IResult> AcceptConsent(HttpRequest request, OAuthService oauth, SimulatorStore store)
    {
        var form = await request.ReadFormAsync();
        var (app, scopes, error) = oauth.CheckAuthorize(form["client_id"], form["redirect_uri"], form["scope"], form["audience"], form["response_type"]);
        if (app is null || error is not null)
        {
            return Results.BadRequest(new { error, error_description = "The authorization request is invalid." });
        }
        var user = FindUser(store, form["email"]);
        if (user is null || form["decision"] != "accept")
        {
            return Results.Redirect(AddQuery(app.CallbackUrl, ("error", "access_denied"), ("state", form["state"])));
        }
        return Results.Redirect(AddQuery(app.CallbackUrl, ("code", oauth.Consent(app, user, scopes, app.CallbackUrl, NullIfEmpty(form["site"]))), ("state", form["state"])));
    }

    private static async Task<IResult> Token(HttpRequest request, OAuthService oauth, FaultState faults)
    {
        if (faults.Settings.TokenEndpointDown)
        {
            return OAuthError.TokenEndpointDown.ToResult();
        }
        TokenRequest tokenRequest;
        try
        {
            tokenRequest = await TokenRequest.ReadAsync(request);
        }
        catch (System.Text.Json.JsonException)
        {
            return new OAuthError(400, "invalid_request", "Malformed request body").ToResult();
        }
        var (tokens, error) = oauth.Exchange(tokenRequest);
        return tokens is not null ? Results.Json(tokens) : error!.ToResult();
    }

    private static List<string> SiteNames(SimulatorStore store)
    {
        lock (store.Gate)
        {
            return store.SitesByName.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static User? FindUser(SimulatorStore store, string? emailOrAccountId)
    {
        if (string.IsNullOrEmpty(emailOrAccountId))
        {
            return null;
        }
        lock (store.Gate)
        {
            return store.UsersByEmail.GetValueOrDefault(emailOrAccountId) ?? store.Users.GetValueOrDefault(emailOrAccountId);
        }
    }

    private static string AddQuery(string url, params (string Key, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }
}
