using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Atlassian;
using Microsoft.Extensions.Time.Testing;
using Platform.Confluence.Tools;
using Platform.Grains.Confluence;
using Platform.Grains.Telemetry;
using Platform.Outbound;

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

    [Fact]
    public async Task A_read_follows_a_redirect_to_atlassians_media_host_without_the_callers_credentials()
    {
        var (client, sent) = Client(request => request.RequestUri!.Host == "api.example.test"
            ? Redirect("https://api.media.atlassian.com/file/f-1/binary?token=media-token")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("file body") });

        var response = await client.SendAsync(Credentials, new ConfluenceRequest("GET", "wiki/rest/api/content/1/child/attachment/2/download"), CancellationToken.None);

        Assert.Equal((200, "file body"), (response.StatusCode, response.ReadText()));
        Assert.Equal(["Bearer token-1", null], sent.Select(request => request.Authorization));
        Assert.Equal("api.media.atlassian.com", sent[1].Uri.Host);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "'http://169.254.169.254'")]
    [InlineData("http://10.0.0.1/admin", "'http://10.0.0.1'")]
    [InlineData("https://evil.example/steal", "'https://evil.example'")]
    [InlineData("http://api.media.atlassian.com/file/f-1/binary", "'http://api.media.atlassian.com'")]
    [InlineData("https://user:pw@acme.atlassian.net/wiki", "'https://acme.atlassian.net'")]
    public async Task A_redirect_anywhere_else_is_refused_before_anything_is_sent_there(string location, string named)
    {
        var (client, sent) = Client(_ => Redirect(location));

        var refused = await Assert.ThrowsAsync<DestinationRefusedException>(() =>
            client.DownloadAsync(Credentials, "wiki/rest/api/content/1/child/attachment/2/download", 1024, CancellationToken.None));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        Assert.Single(sent);
    }

    [Fact]
    public async Task Redirects_stop_after_a_few_hops()
    {
        var (client, sent) = Client(_ => Redirect("https://acme.atlassian.net/wiki/again"));

        await Assert.ThrowsAsync<DestinationRefusedException>(() => client.SendAsync(Credentials, new ConfluenceRequest("GET", "wiki/api/v2/pages"), CancellationToken.None));

        Assert.Equal(ConfluenceClient.MaxRedirects + 1, sent.Count);
    }

    [Fact]
    public async Task A_write_follows_no_redirect()
    {
        var (client, sent) = Client(_ => Redirect("https://acme.atlassian.net/wiki/api/v2/pages"));

        var response = await client.SendAsync(Credentials, new ConfluenceRequest("POST", "wiki/api/v2/pages", "{}"), CancellationToken.None);

        Assert.Equal(302, response.StatusCode);
        Assert.Single(sent);
    }

    private static HttpResponseMessage Redirect(string location) =>
        new(HttpStatusCode.Found) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };

    private static (ConfluenceClient Client, List<(Uri Uri, string? Authorization, string? Body)> Sent) Client(HttpStatusCode status, int? retryAfterSeconds = null) =>
        Client(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("{}") };
            if (retryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }

            return response;
        });

    private static (ConfluenceClient Client, List<(Uri Uri, string? Authorization, string? Body)> Sent) Client(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        var sent = new List<(Uri, string?, string?)>();
        var handler = new RecordingHandler(sent, answer);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var destinations = new ConfluenceDestinations(Options.Create(new ConfluenceOptions()), Options.Create(new AtlassianOptions { ApiBaseUrl = new Uri("https://api.example.test/") }));
        return (new ConfluenceClient(new HttpClient(handler), destinations, new PlatformMetrics(meters), new FakeTimeProvider()), sent);
    }

    private sealed class RecordingHandler(List<(Uri, string?, string?)> sent, Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            sent.Add((request.RequestUri!, request.Headers.Authorization?.ToString(), body));
            return answer(request);
        }
    }
}
