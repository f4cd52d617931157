using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Demo;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>One trace runs from the MCP request through the grain hop to the Confluence call.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TracingTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_tool_call_is_one_trace_from_the_http_request_through_the_grain_to_confluence()
    {
        var alice = await gateway.ConnectedUserAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = site.HomepageId });

        var request = stopped.Single(activity => activity.Source.Name == "Microsoft.AspNetCore"
            && activity.GetTagItem("url.path") is string path && path.EndsWith($"/t/{alice.Tenant}/mcp", StringComparison.Ordinal)
            && stopped.Any(grain => grain.TraceId == activity.TraceId && grain.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)));
        var trace = stopped.Where(activity => activity.TraceId == request.TraceId).ToList();
        Assert.Contains(trace, activity => activity.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
            && activity.DisplayName.Contains("CallTool", StringComparison.Ordinal));
        Assert.Contains(trace, activity => activity.Source.Name == "System.Net.Http"
            && activity.GetTagItem("url.full") is string url && url.Contains($"/pages/{site.HomepageId}", StringComparison.Ordinal));
    }
}
