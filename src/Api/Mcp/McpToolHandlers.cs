using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Audit;
using Platform.Grains;
using Platform.Grains.Confluence;
using Platform.Grains.Connections;
using Platform.Grains.Tools;
using Platform.Hosting;

namespace Platform.Api.Mcp;

/// <summary>
/// tools/list and tools/call for every session and protocol revision. A call is one hop to the caller's grain, which
/// decides, runs and audits it; what comes back is mapped onto MCP here. Both are answered from an incoming message
/// filter, ahead of the SDK's typed handlers: the raw arguments go to the grain as they came, a malformed request is
/// refused with what was wrong, and a client's mistake is one debug line rather than a logged exception.
/// </summary>
public sealed partial class McpToolHandlers(
    IGrainFactory grains,
    McpToolListCache toolLists,
    IAuditLog auditLog,
    IOptions<ConfluenceOptions> confluence,
    TimeProvider time,
    ILogger<McpToolHandlers> logger)
{
    /// <summary>How often an unanswered tool call is asked after once it may be lost (see <see cref="AnswerOfAsync"/>).</summary>
    private static readonly TimeSpan LostCallCheckPeriod = TimeSpan.FromSeconds(2);

    /// <summary>The filter that answers tools/list and tools/call, and passes every other message on.</summary>
    public static McpMessageFilter Filter { get; } = next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is not JsonRpcRequest { Method: RequestMethods.ToolsList or RequestMethods.ToolsCall } request)
        {
            await next(context, cancellationToken);
            return;
        }

        var handlers = context.Services!.GetRequiredService<McpToolHandlers>();
        var modern = McpRevisions.IsJuly2026OrLater(request, context.Server);
        var result = request.Method == RequestMethods.ToolsList
            ? await handlers.ListToolsAsync(context, modern, cancellationToken)
            : Serialized(await handlers.CallToolAsync(context, request, cancellationToken), modern);

        await context.Server.SendMessageAsync(new JsonRpcResponse { Id = request.Id, Result = result.ToNode() }, cancellationToken);
    };

    private static PreSerializedJson Serialized(CallToolResult result, bool modern)
    {
        // A 2026-07-28 result says it is complete (rather than asking for input).
        result.ResultType = modern ? "complete" : null;
        return PreSerializedJson.From(result, McpJsonUtilities.DefaultOptions);
    }

    /// <summary>The caller's list, checked against their policy on every request and serialized once per grant.</summary>
    private async Task<PreSerializedJson> ListToolsAsync(MessageContext context, bool modern, CancellationToken cancellationToken)
    {
        var caller = CallerOf(context);
        var policy = await grains.GetUserConnectionGrain(caller.Tenant, caller.User).GetToolPolicyAsync().WaitAsync(cancellationToken);
        return policy.DenialReason(caller.User) is { } reason
            ? throw Refused(caller, RequestMethods.ToolsList, reason, McpErrorCode.InvalidRequest)
            : toolLists.ListFor(policy, caller.ReadOnly, modern);
    }

    private async Task<CallToolResult> CallToolAsync(MessageContext context, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        var caller = CallerOf(context);
        var call = new ToolCall(NameOf(caller, request.Params), ArgumentsOf(caller, request.Params), ClientOf(context.Server, request), caller.Credential, caller.CredentialIssuer)
        {
            ReadOnly = caller.ReadOnly,
        };
        var result = await CallGrainAsync(caller, call, cancellationToken);
        // MCP sends nothing back for a request its client cancelled; the grain has recorded how it ended.
        cancellationToken.ThrowIfCancellationRequested();
        var capabilities = request.Context?.ClientCapabilities ?? context.Server.ClientCapabilities;
        return ToMcp(caller, call.ToolName, result, capabilities?.Elicitation?.Url is not null);
    }

    /// <summary>
    /// The one hop (tools/call, and resources/read as a get_page call). The client's cancellation is passed on only once the call is on its way, and the grain answers how a
    /// cancelled call ended, so each call is audited once: by the grain, or here when the grain never ran it or is gone.
    /// </summary>
    public async Task<ToolCallResult> CallGrainAsync(McpCaller caller, ToolCall call, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var grain = grains.GetUserConnectionGrain(caller.Tenant, caller.User);
        using var hop = new CancellationTokenSource();
        var pending = grain.CallToolAsync(call, hop.Token);
        using var relay = cancellationToken.Register(hop.Cancel);
        try
        {
            // Not the client's token: the grain hears of a cancellation through the relay and still answers how it ended.
            return await AnswerOfAsync(grain, call.CallId, pending, started);
        }
        catch (OperationCanceledException)
        {
            // The grain had not started the call when the client cancelled it: nothing ran, but the attempt is recorded.
            await RecordAsync(caller, call, "Cancelled by the client before it started; nothing was sent to Confluence.", started);
            throw;
        }
        catch (Exception exception)
        {
            // The hop itself failed (a silo died mid-call): the grain may or may not have run it, so this side records
            // what it saw, and the client gets an error rather than a result no audit row speaks for.
            LogHopFailed(logger, exception, caller.Tenant.Value, caller.User.Value);
            await RecordAsync(caller, call, $"The gateway could not complete the call ({exception.GetType().Name}); it may or may not have reached Confluence.", started);
            throw new McpProtocolException(
                "The gateway could not complete the call; it may or may not have reached Confluence. Check before retrying a change.",
                McpErrorCode.InternalError);
        }
    }

    /// <summary>
    /// The grain's answer, or an exception when the call is lost. Orleans never fails a call whose silo died while it
    /// ran there through another silo's gateway; waiting out the hop timeout would hold the client for a minute. So a call
    /// still unanswered once no refusal of it can be held for a retry any more is asked after, every few seconds: when
    /// the user's grain, activated anew elsewhere, does not run it, it was lost with its silo.
    /// </summary>
    private async Task<ToolCallResult> AnswerOfAsync(IUserConnectionGrain grain, Guid callId, Task<ToolCallResult> pending, long started)
    {
        var hopTimeout = confluence.Value.HopTimeout;
        for (var askAt = RejectedCallRetry.RetrySpan + LostCallCheckPeriod; ; askAt += LostCallCheckPeriod)
        {
            try
            {
                return await pending.WaitAsync(Until(askAt < hopTimeout ? askAt : hopTimeout, started), time, CancellationToken.None);
            }
            catch (TimeoutException) when (!pending.IsCompleted && askAt < hopTimeout)
            {
            }

            var running = IsRunningAsync(grain, callId);
            if (await Task.WhenAny(pending, running) == pending)
            {
                return await pending;
            }

            if (!await running)
            {
                try
                {
                    // An answer sent just before the question may still be on its way.
                    return await pending.WaitAsync(LostCallCheckPeriod, time, CancellationToken.None);
                }
                catch (TimeoutException) when (!pending.IsCompleted)
                {
                    throw new LostCallException();
                }
            }
        }
    }

    /// <summary>True unless the grain says it does not run the call; a question the cluster cannot answer yet proves nothing.</summary>
    private static async Task<bool> IsRunningAsync(IUserConnectionGrain grain, Guid callId)
    {
        try
        {
            return await grain.IsCallRunningAsync(callId);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            return true;
        }
    }

    /// <summary>What is left until <paramref name="elapsed"/> has passed since <paramref name="started"/>, never less than nothing.</summary>
    private TimeSpan Until(TimeSpan elapsed, long started) =>
        elapsed - time.GetElapsedTime(started) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    private async Task RecordAsync(McpCaller caller, ToolCall call, string reason, long started)
    {
        try
        {
            await auditLog.AppendAsync(AuditRecord.ForToolCall(
                caller.Tenant, caller.User, call, AuditDecision.Failed, reason, null, time.GetElapsedTime(started), null, time.GetUtcNow()), CancellationToken.None);
        }
        catch (Exception auditFailure)
        {
            // Nothing more to record with: the caller still gets an error, never a result.
            LogAuditFailed(logger, auditFailure, caller.Tenant.Value, caller.User.Value);
        }
    }

    /// <summary>
    /// Results the model can act on are tool results (argument errors too, SEP-1303); an unknown or refused tool is a
    /// protocol error; a missing Atlassian connection is a URL elicitation where the client can open one.
    /// </summary>
    private CallToolResult ToMcp(McpCaller caller, string tool, ToolCallResult result, bool urlElicitation) => result.Status switch
    {
        ToolCallStatus.Succeeded => new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = result.Text },
                .. (result.Images ?? []).Select(image => new ImageContentBlock { MimeType = image.MimeType, Data = Encoding.ASCII.GetBytes(image.Base64Data) }),
            ],
            StructuredContent = result.StructuredJson is { } json ? JsonSerializer.Deserialize<JsonElement>(json) : null,
        },
        ToolCallStatus.UnknownTool => throw Refused(caller, RequestMethods.ToolsCall,
            $"Unknown tool: '{Shown(tool)}'. Call tools/list for the tools you may use.", McpErrorCode.InvalidParams),
        ToolCallStatus.Denied => throw Refused(caller, RequestMethods.ToolsCall, result.Text, McpErrorCode.InvalidRequest),
        ToolCallStatus.ConnectionRequired when urlElicitation && result.ConnectLink is { } link => throw ConnectElicitation(result.Text, link, $"call '{tool}' again"),
        ToolCallStatus.ConnectionRequired => Error(result.ConnectLink is { } link
            ? $"{result.Text} Ask the user to open this link to connect their Atlassian account, then call '{tool}' again: {link.Url.AbsoluteUri}"
            : result.Text),
        _ => Error(result.Text),
    };

    /// <summary>Asks a client that can open links to have the person connect their Atlassian account (URL elicitation).</summary>
    public static UrlElicitationRequiredException ConnectElicitation(string reason, ConnectLink link, string then) =>
        new(reason,
        [
            new ElicitRequestParams
            {
                Mode = "url",
                ElicitationId = Guid.NewGuid().ToString("N"),
                Url = link.Url.AbsoluteUri,
                Message = $"{reason} Open the link to connect your Atlassian account, then {then}.",
            },
        ]);

    private string NameOf(McpCaller caller, JsonNode? parameters) =>
        parameters is JsonObject && parameters["name"] is JsonValue name && name.TryGetValue(out string? text)
            ? text
            : throw Refused(caller, RequestMethods.ToolsCall, "tools/call needs params {\"name\": \"<tool>\", \"arguments\": {…}} with the tool's name as a string.", McpErrorCode.InvalidParams);

    /// <summary>The arguments as the client sent them (the grain checks them against the tool's schema).</summary>
    private string ArgumentsOf(McpCaller caller, JsonNode? parameters) => parameters?["arguments"] switch
    {
        null => "{}",
        JsonObject arguments => TextOf(caller, arguments),
        _ => throw Refused(caller, RequestMethods.ToolsCall, "'arguments' of tools/call must be a JSON object.", McpErrorCode.InvalidParams),
    };

    private string TextOf(McpCaller caller, JsonObject arguments)
    {
        try
        {
            return arguments.ToJsonString();
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate (\ud800) is JSON syntax that no string can hold: nothing could read the argument.
            throw Refused(caller, RequestMethods.ToolsCall,
                "'arguments' of tools/call hold text that is not Unicode (an unpaired surrogate escape such as \\ud800).", McpErrorCode.InvalidParams);
        }
    }

    public static McpClientInfo ClientOf(McpServer server, JsonRpcRequest request) =>
        (request.Context?.ClientInfo ?? server.ClientInfo) is { } info ? new McpClientInfo(info.Name, info.Version) : McpClientInfo.Unknown;

    /// <summary>A client's mistake: one debug line, and the JSON-RPC error it answers (which the SDK does not log).</summary>
    private McpProtocolException Refused(McpCaller caller, string method, string reason, McpErrorCode code)
    {
        LogRefused(logger, method, caller.Tenant.Value, caller.User.Value, reason);
        return new McpProtocolException(reason, code);
    }

    private static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };

    /// <summary>A tool name as the model sent it, short and printable, for an error message.</summary>
    private static string Shown(string name) => new([.. name.Where(c => !char.IsControl(c)).Take(64)]);

    private static McpCaller CallerOf(MessageContext context) => CallerOf(context.User);

    public static McpCaller CallerOf(System.Security.Claims.ClaimsPrincipal? user) =>
        McpCaller.TryFrom(user, out var caller)
            ? caller
            : throw new McpProtocolException("The request is not authenticated.", McpErrorCode.InvalidRequest);

    /// <summary>The user's grain no longer runs a call it was given: the silo that ran it died.</summary>
    private sealed class LostCallException() : Exception("The call was lost with the silo that ran it.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} of {Tenant}/{User} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string tenant, string user, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tool-call hop of {Tenant}/{User} failed")]
    private static partial void LogHopFailed(ILogger logger, Exception exception, string tenant, string user);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not audit a tool call of {Tenant}/{User} that never ran")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string tenant, string user);
}
