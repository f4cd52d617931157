using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>An RFC 9457 problem body as the admin API answers every 4xx: status, title and a detail saying what was wrong.</summary>
public sealed record Problem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]> Errors, long BodyLength)
{
    /// <summary>Reads <paramref name="response"/> as a problem, failing with the route and what came back if it is not one.</summary>
    public static async Task<Problem> ReadAsync(HttpResponseMessage response, string request)
    {
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{request} answered {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType ?? "(no type)"}: {body[..Math.Min(body.Length, 300)]}";
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", what);
        var json = JsonDocument.Parse(body).RootElement;
        var problem = new Problem(
            json.GetProperty("status").GetInt32(),
            json.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "",
            json.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "",
            json.TryGetProperty("errors", out var errors) ? errors.Deserialize<Dictionary<string, string[]>>()! : new Dictionary<string, string[]>(),
            body.Length);
        Assert.True(problem.Status == (int)response.StatusCode && problem.Title.Length > 0 && problem.Detail.Length > 0, what);
        return problem;
    }

    /// <summary>Sends a request that must be refused with <paramref name="status"/>, and reads its problem.</summary>
    public static async Task<Problem> OfAsync(HttpClient http, HttpMethod method, string path, HttpStatusCode status, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == status, $"{method} {path} answered {(int)response.StatusCode}, not {(int)status}: {await response.Content.ReadAsStringAsync()}");
        return await ReadAsync(response, $"{method} {path}");
    }

    /// <summary>The one error a 400 names, with its field.</summary>
    public (string Field, string Message) SingleError()
    {
        var (field, messages) = Assert.Single(Errors);
        return (field, Assert.Single(messages));
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static HttpContent Json<T>(T value) => JsonContent.Create(value);
}
