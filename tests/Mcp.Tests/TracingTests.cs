using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Platform.Demo;
using Platform.ServiceDefaults;
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

        // The client's own request for the call starts the trace; the gateway's server side, the grain hop and the
        // Confluence read must all join it. The listener here stands in for a collector (none is configured).
        var call = stopped.First(activity => activity.Source.Name == "System.Net.Http"
            && activity.GetTagItem("url.full") is string url && url.EndsWith($"/t/{alice.Tenant}/mcp", StringComparison.Ordinal)
            && stopped.Any(grain => grain.TraceId == activity.TraceId && grain.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
                && grain.DisplayName.Contains("CallTool", StringComparison.Ordinal)));
        var trace = stopped.Where(activity => activity.TraceId == call.TraceId).ToList();
        Assert.Contains(trace, activity => activity.Source.Name == "Microsoft.AspNetCore" && activity.Kind == ActivityKind.Server);
        Assert.Contains(trace, activity => activity.Source.Name == "System.Net.Http"
            && activity.GetTagItem("url.full") is string url && url.Contains($"/pages/{site.HomepageId}", StringComparison.Ordinal));
    }

    [Fact]
    public void Traces_are_recorded_only_where_a_collector_is_configured()
    {
        Assert.False(RecordsTraces(new Dictionary<string, string?>()));
        Assert.True(RecordsTraces(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" }));
    }

    private static bool RecordsTraces(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults("tracing-test");
        using var host = builder.Build();
        return host.Services.GetService<TracerProvider>() is not null;
    }
}
