using System.Net;
using AtlassianSimulator.Tests.Infrastructure;

namespace AtlassianSimulator.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class PagingTests(SimulatorFixture sim) : IAsyncLifetime
{
    private string _token = "";

    public async Task InitializeAsync()
    {
        await sim.ResetAsync();
        _token = await sim.AccessTokenAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Cursor_pages_follow_link_header_and_links_next_until_the_last_page()
    {
        var seen = new HashSet<string>();
        var url = sim.Api("/api/v2/pages?limit=10");
        var requests = 0;
        while (true)
        {
            using var response = await sim.SendAsync(HttpMethod.Get, url, _token);
            var body = await SimulatorFixture.ReadJsonAsync(response);
            requests++;
            foreach (var page in body.GetProperty("results").EnumerateArray())
            {
                Assert.True(seen.Add(page.GetProperty("id").GetString()!));
            }
            var hasNext = body.GetProperty("_links").TryGetProperty("next", out var next);
            Assert.Equal(hasNext, response.Headers.Contains("Link"));
            if (!hasNext)
            {
                break;
            }
            var link = string.Join(",", response.Headers.GetValues("Link"));
            Assert.StartsWith($"<{next.GetString()}>; rel=\"next\"", link, StringComparison.Ordinal);
            Assert.StartsWith("/wiki/api/v2/pages?", next.GetString(), StringComparison.Ordinal);
            url = $"{sim.BaseUrl}/api/ex/confluence/{sim.CloudId}{next.GetString()}";
        }
        var state = await sim.GetJsonAsync("/_sim/state");
        var pagesInVisibleAndRestricted = state.GetProperty("sites")[0].GetProperty("pageCount").GetInt32();
        Assert.Equal(pagesInVisibleAndRestricted, seen.Count);
        Assert.Equal((seen.Count + 9) / 10, requests);
    }

    [Fact]
    public async Task Default_limit_is_25_and_maximum_is_250()
    {
        var first = await sim.GetJsonAsync(sim.Api("/api/v2/pages"), _token);
        Assert.Equal(25, first.GetProperty("results").GetArrayLength());
        (await sim.Http.PostAsync("/_sim/reset", new StringContent("""{"pages":400}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var token = await sim.AccessTokenAsync();
        var big = await sim.GetJsonAsync(sim.Api("/api/v2/pages?limit=1000"), token);
        Assert.Equal(250, big.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=abc")]
    [InlineData("cursor=not-a-cursor")]
    public async Task Bad_paging_parameters_are_400(string query)
    {
        using var response = await sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/pages?" + query), _token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await SimulatorFixture.ReadJsonAsync(response)).GetProperty("errors")[0].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task V1_uses_start_and_limit_with_links_next()
    {
        var first = await sim.GetJsonAsync(sim.Api("/rest/api/content?type=page&limit=5"), _token);
        Assert.Equal(5, first.GetProperty("size").GetInt32());
        var next = first.GetProperty("_links").GetProperty("next").GetString()!;
        Assert.Contains("start=5", next, StringComparison.Ordinal);
        var last = await sim.GetJsonAsync(sim.Api("/rest/api/content?type=page&start=0&limit=250"), _token);
        Assert.False(last.GetProperty("_links").TryGetProperty("next", out _));
    }
}
