using System.Net;

namespace Platform.Api.Pages;

/// <summary>
/// The few server-rendered pages people see (sign-in results, consent, their authorized clients): one accessible layout,
/// every value HTML-encoded by the callers through <see cref="E"/>.
/// </summary>
public static class HtmlPage
{
    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    /// <summary>A page that no other site may frame (consent and revoke buttons must not be clickjacked).</summary>
    public static IResult Render(string title, string body, int statusCode = StatusCodes.Status200OK) => new NotFramed(Results.Content($"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <style>
        body {"{"} font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #172b4d; {"}"}
        button {"{"} font: inherit; padding: .5rem 1.25rem; margin-right: .75rem; border-radius: 4px; border: 1px solid #0c66e4; {"}"}
        button.primary {"{"} background: #0c66e4; color: #fff; {"}"}
        button:focus-visible {"{"} outline: 3px solid #85b8ff; outline-offset: 2px; {"}"}
        dt {"{"} font-weight: 600; {"}"}
        </style></head>
        <body><main>
        <h1>{E(title)}</h1>
        {body}
        </main></body></html>
        """, "text/html; charset=utf-8", statusCode: statusCode));

    public static IResult Message(string title, string message, int statusCode = StatusCodes.Status200OK) =>
        Render(title, $"<p>{E(message)}</p>", statusCode);

    private sealed class NotFramed(IResult page) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.XFrameOptions = "DENY";
            httpContext.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            return page.ExecuteAsync(httpContext);
        }
    }
}
