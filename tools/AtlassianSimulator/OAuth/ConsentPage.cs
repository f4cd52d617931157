using System.Net;

namespace AtlassianSimulator.OAuth;

/// <summary>The minimal consent screen: pick an account by email and press Accept (a form POST back to /authorize).</summary>
public static class ConsentPage
{
    public static IResult Render(string appName, IEnumerable<string> scopes, IQueryCollection query, IEnumerable<string> sites)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var hidden = string.Concat(query.Select(q => $"<input type=\"hidden\" name=\"{E(q.Key)}\" value=\"{E(q.Value)}\">"));
        var list = string.Concat(scopes.Select(s => $"<li>{E(s)}</li>"));
        var options = string.Concat(sites.Select(s => $"<option value=\"{E(s)}\">{E(s)}</option>"));
        var html = $"""
            <!DOCTYPE html>
            <html><head><title>Authorize {E(appName)}</title></head>
            <body>
            <h1>{E(appName)} is requesting access to your Atlassian account</h1>
            <ul>{list}</ul>
            <form method="post">
            {hidden}
            <label>Email <input name="email" type="email"></label>
            <label>Site <select name="site"><option value="">all my sites</option>{options}</select></label>
            <button type="submit" name="decision" value="accept">Accept</button>
            </form>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
