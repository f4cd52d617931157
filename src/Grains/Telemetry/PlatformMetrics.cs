using System.Diagnostics.Metrics;
using Platform.Grains.Identity;
using Platform.Grains.Tools;

namespace Platform.Grains.Telemetry;

/// <summary>
/// The platform's own metrics (meter <see cref="MeterName"/>): tool calls by tenant, tool and outcome; how long calls
/// take in total, upstream and in the gateway itself; Confluence status codes; token refreshes; rate-limit rejections.
/// Active grains come from Orleans' own meter.
/// </summary>
public sealed class PlatformMetrics
{
    /// <summary>Also listed in ServiceDefaults' <c>TelemetryNames.PlatformMeter</c>, which the exporters subscribe to.</summary>
    public const string MeterName = "Platform";

    private readonly Counter<long> toolCalls;
    private readonly Histogram<double> toolCallDuration;
    private readonly Histogram<double> gatewayDuration;
    private readonly Histogram<double> upstreamDuration;
    private readonly Counter<long> tokenRefreshes;
    private readonly Counter<long> rateLimitRejections;

    public PlatformMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        toolCalls = meter.CreateCounter<long>("platform.tool.calls", "{call}", "MCP tool calls, by tenant, tool and outcome.");
        toolCallDuration = meter.CreateHistogram<double>("platform.tool.call.duration", "s", "Time from the grain receiving a tool call to its result.");
        gatewayDuration = meter.CreateHistogram<double>("platform.tool.call.gateway_duration", "s", "The part of a tool call not spent waiting for Confluence.");
        upstreamDuration = meter.CreateHistogram<double>("platform.confluence.request.duration", "s", "Confluence requests, by method and status code.");
        tokenRefreshes = meter.CreateCounter<long>("platform.token.refreshes", "{refresh}", "Atlassian token refreshes, by result.");
        rateLimitRejections = meter.CreateCounter<long>("platform.rate_limit.rejections", "{call}", "Tool calls refused by a rate limit, by tenant and limit.");
    }

    public void ToolCallCompleted(TenantId tenant, string tool, ToolCallStatus status, TimeSpan total, TimeSpan upstream)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", OutcomeName(status));
        var toolTag = new KeyValuePair<string, object?>("tool", tool);
        toolCalls.Add(1, new KeyValuePair<string, object?>("tenant", tenant.Value), toolTag, outcome);
        toolCallDuration.Record(total.TotalSeconds, toolTag, outcome);
        gatewayDuration.Record(Math.Max(0, (total - upstream).TotalSeconds), toolTag);
    }

    public void ConfluenceResponded(string method, int statusCode, TimeSpan elapsed) =>
        upstreamDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("http.request.method", method),
            new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    public void TokenRefreshed(string result) => tokenRefreshes.Add(1, new KeyValuePair<string, object?>("result", result));

    public void RateLimited(TenantId tenant, string limit) =>
        rateLimitRejections.Add(1, new KeyValuePair<string, object?>("tenant", tenant.Value), new KeyValuePair<string, object?>("limit", limit));

    private static string OutcomeName(ToolCallStatus status) => status switch
    {
        ToolCallStatus.Succeeded => "succeeded",
        ToolCallStatus.ToolError => "tool_error",
        ToolCallStatus.InvalidArguments => "invalid_arguments",
        ToolCallStatus.UnknownTool => "unknown_tool",
        ToolCallStatus.Denied => "denied",
        ToolCallStatus.ConnectionRequired => "connection_required",
        ToolCallStatus.RateLimited => "rate_limited",
        ToolCallStatus.Cancelled => "cancelled",
        ToolCallStatus.TimedOut => "timed_out",
        _ => "failed",
    };
}
