using Platform.Demo;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>The platform's metrics, read through the Prometheus scrape endpoint after real tool calls.</summary>
[Collection(GatewayCollection.Name)]
public sealed class MetricsTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_tool_call_shows_up_in_the_call_latency_and_upstream_metrics()
    {
        var alice = await gateway.ConnectedUserAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);

        await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = site.HomepageId });
        await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = "999999999" });
        var scrape = await ScrapeUntilAsync($"tenant=\"{alice.Tenant}\"");

        Assert.EndsWith(" 1", Line(scrape, "platform_tool_calls_total", $"tenant=\"{alice.Tenant}\"", "tool=\"get_page\"", "outcome=\"succeeded\""), StringComparison.Ordinal);
        Assert.EndsWith(" 1", Line(scrape, "platform_tool_calls_total", $"tenant=\"{alice.Tenant}\"", "tool=\"get_page\"", "outcome=\"tool_error\""), StringComparison.Ordinal);
        Assert.Contains("platform_tool_call_duration_seconds_bucket", scrape, StringComparison.Ordinal);
        Assert.Contains("platform_tool_call_gateway_duration_seconds_bucket", scrape, StringComparison.Ordinal);
        Assert.NotEqual("", Line(scrape, "platform_confluence_request_duration_seconds_count", "http_response_status_code=\"404\""));
        Assert.Contains("orleans", scrape, StringComparison.Ordinal);
    }

    private async Task<string> ScrapeUntilAsync(string expected)
    {
        using var http = new HttpClient { BaseAddress = gateway.GatewayUrl };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            // The exporter caches a scrape briefly; a new call's series appear on the next refresh.
            var scrape = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), timeout.Token);
            if (scrape.Contains(expected, StringComparison.Ordinal))
            {
                return scrape;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>The first sample line of a metric whose labels contain every fragment, or the empty string.</summary>
    private static string Line(string scrape, string metric, params string[] fragments) =>
        scrape.Split('\n').FirstOrDefault(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && fragments.All(f => line.Contains(f, StringComparison.Ordinal))) ?? "";
}
