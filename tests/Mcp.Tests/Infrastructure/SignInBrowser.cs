using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>
/// What a person's browser does during an OAuth sign-in, over real HTTP: follows redirects (keeping cookies per host),
/// and on each HTML page with a form fills it as the person would and presses the named button. It stops when a
/// redirect leaves for the client's redirect URI and returns that URL, as the client's loopback listener would see it.
/// </summary>
public sealed class SignInBrowser : IDisposable
{
    private const int MaxSteps = 20;
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
    private readonly HtmlParser parser = new();

    /// <summary>The pages seen, in order (status and URL), for a failing test to show where the flow went.</summary>
    public List<string> Trail { get; } = [];

    /// <summary>Answers of forms by a field the page has: the email to give Atlassian, the button to press on consent.</summary>
    public Dictionary<string, string> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>The button pressed on a consent page: <c>allow</c> or <c>deny</c>.</summary>
    public string Decision { get; set; } = "allow";

    public async Task<Uri> AuthorizeAsync(Uri authorizationUri, Uri redirectUri)
    {
        var response = await http.GetAsync(authorizationUri);
        for (var step = 0; step < MaxSteps; step++)
        {
            Trail.Add($"{(int)response.StatusCode} {response.RequestMessage!.Method} {response.RequestMessage.RequestUri}");
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage.RequestUri!, location);
                response.Dispose();
                if (next.AbsoluteUri.StartsWith(redirectUri.AbsoluteUri, StringComparison.Ordinal))
                {
                    return next;
                }

                response = await http.GetAsync(next);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            var page = response.RequestMessage.RequestUri!;
            response.Dispose();
            var forms = parser.ParseDocument(html).Forms;
            var form = forms.Length > 0 ? forms[0] : throw new InvalidOperationException($"Stuck on a page without a form: {string.Join(" → ", Trail)}\n{html}");
            response = await SubmitAsync(page, form);
        }

        throw new InvalidOperationException($"Too many steps: {string.Join(" → ", Trail)}");
    }

    public Task<HttpResponseMessage> GetAsync(Uri url) => http.GetAsync(url);

    /// <summary>
    /// Opens a console page, submits its form named <paramref name="formName"/> (Blazor's <c>_handler</c>) with
    /// <see cref="Answers"/> filled in, and answers what came back.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> SubmitFormAsync(Uri page, string formName)
    {
        using var response = await http.GetAsync(page);
        var form = parser.ParseDocument(await response.Content.ReadAsStringAsync()).Forms
            .FirstOrDefault(form => form.Elements.OfType<IHtmlInputElement>().Any(input => input.Name == "_handler" && input.Value == formName))
            ?? throw new InvalidOperationException($"{page} has no form '{formName}'.");
        using var submitted = await SubmitAsync(page, form);
        return (submitted.StatusCode, await submitted.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SubmitAsync(Uri page, IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name is { Length: > 0 }))
        {
            fields.Add(new(input.Name!, Answers.TryGetValue(input.Name!, out var answer) ? answer : input.Value));
        }

        var buttons = form.Elements.OfType<IHtmlButtonElement>().Where(b => b.Name is { Length: > 0 }).ToList();
        var pressed = buttons.FirstOrDefault(b => b.Value == Decision) ?? buttons.FirstOrDefault(b => b.Value is "accept" or "allow") ?? buttons.FirstOrDefault();
        if (pressed is not null)
        {
            fields.Add(new(pressed.Name!, pressed.Value));
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page : new Uri(page, form.GetAttribute("action"));
        if (string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase))
        {
            // A GET form sends its fields as the query, as a browser does.
            using var query = new FormUrlEncodedContent(fields);
            return await http.GetAsync(new UriBuilder(action) { Query = await query.ReadAsStringAsync() }.Uri);
        }

        using var body = new FormUrlEncodedContent(fields);
        return await http.PostAsync(action, body);
    }

    public void Dispose() => http.Dispose();
}
