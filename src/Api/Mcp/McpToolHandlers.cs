using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Audit;
using Platform.Grains;
using Platform.Grains.Tools;

namespace Platform.Api.Mcp;

/// <summary>
/// tools/list and tools/call for every session and protocol revision. A call is one hop to the caller's grain, which
/// decides, runs and audits it; what comes back is mapped onto MCP here.
/// </summary>
public static partial class McpToolHandlers
{
    public static async ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = CallerOf(request);
        var services = request.Services ?? throw new InvalidOperationException("The MCP request has no services.");
        var policy = await services.GetRequiredService<IGrainFactory>().GetUserConnectionGrain(caller.Tenant, caller.User)
            .GetToolPolicyAsync().WaitAsync(cancellationToken);
        if (policy.DenialReason(caller.User) is { } reason)
        {
            throw new McpProtocolException(reason, McpErrorCode.InvalidRequest);
        }

        return new ListToolsResult { Tools = services.GetRequiredService<McpToolCatalog>().AllowedBy(policy) };
    }

    public static async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = CallerOf(request);
        var services = request.Services ?? throw new InvalidOperationException("The MCP request has no services.");
        var client = request.Server.ClientInfo is { } info ? new McpClientInfo(info.Name, info.Version) : McpClientInfo.Unknown;
        var call = new ToolCall(request.Params?.Name ?? "", JsonSerializer.Serialize(request.Params?.Arguments ?? new Dictionary<string, JsonElement>()), client);
        var result = await CallGrainAsync(services, caller, call, cancellationToken);
        return ToMcp(call.ToolName, result, request.Server.ClientCapabilities?.Elicitation?.Url is not null);
    }

    /// <summary>
    /// The one hop. The client's cancellation is passed on only once the call is on its way, and the grain answers how a
    /// cancelled call ended, so each call is audited once: by the grain, or here when the grain never ran it.
    /// </summary>
    private static async Task<ToolCallResult> CallGrainAsync(IServiceProvider services, McpCaller caller, ToolCall call, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        using var hop = new CancellationTokenSource();
        var pending = services.GetRequiredService<IGrainFactory>().GetUserConnectionGrain(caller.Tenant, caller.User).CallToolAsync(call, hop.Token);
        using var relay = cancellationToken.Register(hop.Cancel);
        try
        {
            return await pending;
        }
        catch (OperationCanceledException)
        {
            // The grain had not started the call when the client cancelled it: nothing ran, but the attempt is recorded.
            await RecordAsync(services, caller, call, "Cancelled by the client before it started; nothing was sent to Confluence.", time.GetElapsedTime(started));
            throw;
        }
        catch (Exception exception)
        {
            // The hop itself failed (a silo died mid-call): the grain may or may not have run it, so this side records
            // what it saw, and the client gets an error rather than a result no audit row speaks for.
            LogHopFailed(Logger(services), exception, caller.Tenant.Value, caller.User.Value);
            await RecordAsync(services, caller, call, $"The gateway could not complete the call ({exception.GetType().Name}); it may or may not have reached Confluence.", time.GetElapsedTime(started));
            throw new McpProtocolException(
                "The gateway could not complete the call; it may or may not have reached Confluence. Check before retrying a change.",
                McpErrorCode.InternalError);
        }
    }

    private static async Task RecordAsync(IServiceProvider services, McpCaller caller, ToolCall call, string reason, TimeSpan elapsed)
    {
        try
        {
            await services.GetRequiredService<IAuditLog>().AppendAsync(AuditRecord.ForToolCall(
                caller.Tenant, caller.User, call, AuditDecision.Failed, reason, null, elapsed, null, services.GetRequiredService<TimeProvider>().GetUtcNow()), CancellationToken.None);
        }
        catch (Exception auditFailure)
        {
            // Nothing more to record with: the caller still gets an error, never a result.
            LogAuditFailed(Logger(services), auditFailure, caller.Tenant.Value, caller.User.Value);
        }
    }

    /// <summary>
    /// Results the model can act on are tool results (argument errors too, SEP-1303); an unknown or refused tool is a
    /// protocol error; a missing Atlassian connection is a URL elicitation where the client can open one.
    /// </summary>
    private static CallToolResult ToMcp(string tool, ToolCallResult result, bool urlElicitation) => result.Status switch
    {
        ToolCallStatus.Succeeded => new CallToolResult
        {
            Content = [new TextContentBlock { Text = result.Text }],
            StructuredContent = result.StructuredJson is { } json ? JsonSerializer.Deserialize<JsonElement>(json) : null,
        },
        ToolCallStatus.UnknownTool => throw new McpProtocolException($"Unknown tool: '{Shown(tool)}'. Call tools/list for the tools you may use.", McpErrorCode.InvalidParams),
        ToolCallStatus.Denied => throw new McpProtocolException(result.Text, McpErrorCode.InvalidRequest),
        ToolCallStatus.ConnectionRequired when urlElicitation && result.ConnectLink is { } link =>
            throw new UrlElicitationRequiredException(result.Text,
            [
                new ElicitRequestParams
                {
                    Mode = "url",
                    ElicitationId = Guid.NewGuid().ToString("N"),
                    Url = link.Url.AbsoluteUri,
                    Message = $"{result.Text} Open the link to connect your Atlassian account, then call '{tool}' again.",
                },
            ]),
        ToolCallStatus.ConnectionRequired => Error(result.ConnectLink is { } link
            ? $"{result.Text} Ask the user to open this link to connect their Atlassian account, then call '{tool}' again: {link.Url.AbsoluteUri}"
            : result.Text),
        _ => Error(result.Text),
    };

    private static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };

    /// <summary>A tool name as the model sent it, short and printable, for an error message.</summary>
    private static string Shown(string name) =>
        new([.. name.Where(c => !char.IsControl(c)).Take(64)]);

    private static ILogger Logger(IServiceProvider services) => services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpToolHandlers));

    private static McpCaller CallerOf<TParams>(RequestContext<TParams> request) =>
        McpCaller.TryFrom(request.User, out var caller)
            ? caller
            : throw new McpProtocolException("The request is not authenticated.", McpErrorCode.InvalidRequest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tool-call hop of {Tenant}/{User} failed")]
    private static partial void LogHopFailed(ILogger logger, Exception exception, string tenant, string user);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not audit a tool call of {Tenant}/{User} that never ran")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string tenant, string user);
}
