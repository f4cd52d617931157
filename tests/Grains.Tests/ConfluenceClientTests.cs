using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Confluence.Tools;
using Platform.Grains.Confluence;
using Platform.Grains.Telemetry;

namespace Platform.Grains.Tests;

/// <summary>The typed Confluence client on its own: what it sends, and what it refuses to send.</summary>
public sealed class ConfluenceClientTests
{
    private static readonly ConfluenceCredentials Credentials =
        new(new Uri("https://api.example.test/ex/confluence/cloud-1/"), new AuthenticationHeaderValue("Bearer", "token-1"), "cloud-1", CredentialKind.UserOAuth);

    [Theory]
    [InlineData("wiki/..;/rest/api/3/issue/X")]
    [InlineData("wiki/%2e%2e/rest/api/3/issue/X")]
    [InlineData("wiki/./api/v2/pages")]
    [InlineData("wiki/api/v2/pages;jsessionid=1")]
    [InlineData("https://evil.example/wiki/api/v2/pages")]
    [InlineData("rest/api/3/issue/X")]
    [InlineData("wiki/api/v2/pages\n")]
    public async Task Paths_that_could_leave_the_confluence_api_are_refused_before_any_request(string path)
    {
        var (client, sent) = Client(HttpStatusCode.OK);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(Credentials, new ConfluenceRequest("GET", path), CancellationToken.None));

        Assert.Empty(sent);
    }

    [Fact]
    public async Task A_request_goes_under_the_api_root_with_the_callers_credentials_and_the_answer_keeps_its_retry_after()
    {
        var (client, sent) = Client((HttpStatusCode)503, retryAfterSeconds: 7);

        var response = await client.SendAsync(Credentials, new ConfluenceRequest("POST", "wiki/api/v2/pages?x=1", """{"title":"T"}"""), CancellationToken.None);

        var request = Assert.Single(sent);
        Assert.Equal("https://api.example.test/ex/confluence/cloud-1/wiki/api/v2/pages?x=1", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer token-1", request.Authorization);
        Assert.Equal("""{"title":"T"}""", request.Body);
        Assert.Equal((503, TimeSpan.FromSeconds(7)), (response.StatusCode, response.RetryAfter));
    }

    private static (ConfluenceClient Client, List<(Uri Uri, string? Authorization, string? Body)> Sent) Client(HttpStatusCode status, int? retryAfterSeconds = null)
    {
        var sent = new List<(Uri, string?, string?)>();
        var handler = new RecordingHandler(sent, status, retryAfterSeconds);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return (new ConfluenceClient(new HttpClient(handler), new PlatformMetrics(meters), new FakeTimeProvider()), sent);
    }

    private sealed class RecordingHandler(List<(Uri, string?, string?)> sent, HttpStatusCode status, int? retryAfterSeconds) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            sent.Add((request.RequestUri!, request.Headers.Authorization?.ToString(), body));
            var response = new HttpResponseMessage(status) { Content = new StringContent("{}") };
            if (retryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }

            return response;
        }
    }
}
