using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Audit;
using Platform.Grains;
using Platform.Grains.Tools;

namespace Platform.Api.Mcp;

/// <summary>
/// tools/list and tools/call for every session and protocol revision. Each call is one hop to the caller's grain, which
/// checks the policy, takes a token and calls Confluence; what comes back is mapped onto MCP here.
/// </summary>
public static class McpToolHandlers
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

        return new ListToolsResult { Tools = services.GetRequiredService<McpToolCatalog>().AllowedBy(policy, caller.ReadOnly) };
    }

    public static async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = CallerOf(request);
        var services = request.Services ?? throw new InvalidOperationException("The MCP request has no services.");
        var name = request.Params?.Name ?? "";
        if (!services.GetRequiredService<McpToolCatalog>().Contains(name))
        {
            throw new McpProtocolException($"Unknown tool: '{name}'. Call tools/list for the tools you may use.", McpErrorCode.InvalidParams);
        }

        if (caller.ReadOnly && !services.GetRequiredService<McpToolCatalog>().IsReadOnly(name))
        {
            // Normally answered before this with HTTP 403 insufficient_scope (ToolScopeChallenge); this is the backstop.
            throw new McpProtocolException($"'{name}' changes Confluence, and this client was granted read access only. Sign in again granting confluence:write.", McpErrorCode.InvalidRequest);
        }

        var arguments = JsonSerializer.Serialize(request.Params?.Arguments ?? new Dictionary<string, JsonElement>());
        var client = request.Server.ClientInfo is { } info ? new McpClientInfo(info.Name, info.Version) : McpClientInfo.Unknown;
        var call = new ToolCall(name, arguments, client);
        var time = services.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        ToolCallResult result;
        try
        {
            result = await services.GetRequiredService<IGrainFactory>().GetUserConnectionGrain(caller.Tenant, caller.User)
                .CallToolAsync(call, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The hop failed (a silo died, a timeout): the grain's own row may or may not exist, so this side records
            // the failure it saw, and the client gets an error rather than a result no audit row speaks for.
            await RecordFailedHopAsync(services, caller, call, exception, time.GetElapsedTime(started));
            throw new McpProtocolException(
                $"The gateway could not complete '{name}'; it may or may not have reached Confluence. Check before retrying a change.",
                McpErrorCode.InternalError);
        }

        return ToMcp(name, result, ClientSupportsUrlElicitation(request));
    }

    private static async Task RecordFailedHopAsync(IServiceProvider services, McpCaller caller, ToolCall call, Exception exception, TimeSpan elapsed)
    {
        try
        {
            await services.GetRequiredService<IAuditLog>().AppendAsync(AuditRecord.ForToolCall(
                caller.Tenant, caller.User, call, AuditDecision.Failed, $"The gateway could not complete the call: {exception.GetType().Name}.",
                null, elapsed, null, services.GetRequiredService<TimeProvider>().GetUtcNow()), CancellationToken.None);
        }
        catch (Exception auditFailure) when (auditFailure is not OperationCanceledException)
        {
            // Nothing more to record with: the caller still gets an error, never a result.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpToolHandlers)).LogError(auditFailure, "Could not audit a failed tool call of {Tenant}/{User}", caller.Tenant.Value, caller.User.Value);
        }
    }

    private static CallToolResult ToMcp(string tool, ToolCallResult result, bool urlElicitation) => result.Status switch
    {
        ToolCallStatus.Succeeded => new CallToolResult
        {
            Content = [new TextContentBlock { Text = result.Text }],
            StructuredContent = result.StructuredJson is { } json ? JsonSerializer.Deserialize<JsonElement>(json) : null,
        },
        ToolCallStatus.InvalidArguments or ToolCallStatus.UnknownTool =>
            throw new McpProtocolException(result.Text, McpErrorCode.InvalidParams),
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

    private static bool ClientSupportsUrlElicitation(RequestContext<CallToolRequestParams> request) =>
        request.Server.ClientCapabilities?.Elicitation?.Url is not null;

    private static McpCaller CallerOf<TParams>(RequestContext<TParams> request) =>
        McpCaller.TryFrom(request.User, out var caller)
            ? caller
            : throw new McpProtocolException("The request is not authenticated.", McpErrorCode.InvalidRequest);
}
