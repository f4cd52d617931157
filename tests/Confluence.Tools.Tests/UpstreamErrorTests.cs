namespace Platform.Confluence.Tools.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class UpstreamErrorTests(SimulatorFixture simulator)
{
    [Fact]
    public async Task Not_found_names_the_page()
    {
        var api = await simulator.ApiAsync();
        var outcome = await api.RunAsync("get_page", new { pageId = "987654321012" });
        Assert.Equal(ToolOutcomeKind.ToolError, outcome.Kind);
        Assert.Equal(404, outcome.UpstreamStatus);
        Assert.Contains("no page with id 987654321012, or you can't see it", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_scope_names_the_scopes_the_tool_needs()
    {
        var api = await simulator.ApiAsync(scopes: ["read:space:confluence"]);
        var outcome = await api.RunAsync("get_page", new { pageId = "1" });
        Assert.Equal(ToolOutcomeKind.ToolError, outcome.Kind);
        Assert.Equal(401, outcome.UpstreamStatus);
        Assert.Contains("read:page:confluence", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("no permission", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restricted_content_reads_as_not_found_for_others()
    {
        var alice = await simulator.ApiAsync();
        var bob = await simulator.ApiAsync("bob@example.com");
        var restricted = (await alice.GetJsonAsync("wiki/api/v2/spaces?keys=MAR")).GetProperty("results")[0].GetProperty("homepageId").GetString()!;
        var outcome = await bob.RunAsync("get_page", new { pageId = restricted });
        Assert.Equal(404, outcome.UpstreamStatus);
    }

    [Fact]
    public async Task Rate_limit_carries_retry_after()
    {
        var api = await simulator.ApiAsync();
        await simulator.SetFaultsAsync(new { rateLimitStormRequests = 1, retryAfterSeconds = 7 });
        try
        {
            var outcome = await api.RunAsync("list_spaces", new { });
            Assert.Equal(ToolOutcomeKind.ToolError, outcome.Kind);
            Assert.Equal(429, outcome.UpstreamStatus);
            Assert.Equal(TimeSpan.FromSeconds(7), outcome.RetryAfter);
            Assert.Contains("retry after 7 s", outcome.Text, StringComparison.Ordinal);
            Assert.Equal(1, api.RequestCount);
        }
        finally
        {
            await simulator.SetFaultsAsync(new { });
        }
    }

    [Fact]
    public async Task Server_errors_are_retried_twice_for_reads_and_never_for_writes()
    {
        var api = await simulator.ApiAsync();
        await simulator.SetFaultsAsync(new { errorRate = 1.0, errorStatus = 500 });
        try
        {
            var read = await api.RunAsync("list_spaces", new { });
            Assert.Equal(500, read.UpstreamStatus);
            Assert.Equal(3, api.RequestCount);

            var writer = await simulator.ApiAsync();
            var write = await writer.RunAsync("delete_page", new { pageId = "1" });
            Assert.Equal(500, write.UpstreamStatus);
            Assert.Equal(1, writer.RequestCount);
        }
        finally
        {
            await simulator.SetFaultsAsync(new { });
        }
    }

    [Fact]
    public async Task A_read_that_recovers_after_a_server_error_succeeds()
    {
        var api = await simulator.ApiAsync();
        var flaky = new FlakyConfluenceApi(api, failures: 1);
        var outcome = await flaky.RunAsync("list_spaces", new { });
        Assert.True(outcome.IsSuccess, outcome.Text);
        Assert.Equal(1, api.RequestCount);
    }
}
