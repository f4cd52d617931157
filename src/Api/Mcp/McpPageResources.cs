using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Grains.Tools;

namespace Platform.Api.Mcp;

/// <summary>
/// Confluence pages as MCP resources, for clients that browse resources rather than call tools: the template
/// <c>confluence://pages/{pageId}</c>, and <c>resources/read</c> of such a URI. A read is a <c>get_page</c> call through
/// the same hop, so the same approval, rate limit and audit row apply; a user who may not call get_page may not read.
/// </summary>
public static partial class McpPageResources
{
    public const string UriTemplate = "confluence://pages/{pageId}";
    private const string ReadTool = "get_page";

    private static readonly ResourceTemplate PageTemplate = new()
    {
        UriTemplate = UriTemplate,
        Name = "confluence-page",
        Title = "Confluence page",
        Description = "A Confluence page by its id, as Markdown. The ids are those the tools return (search_content, list_pages, get_page).",
        MimeType = "text/markdown",
    };

    /// <summary>There is no fixed list of pages to offer; the template says how to name one.</summary>
    public static ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ListResourcesResult { Resources = [] });

    /// <summary>The same template for everyone, for as long as this version of the gateway runs.</summary>
    public static ValueTask<ListResourceTemplatesResult> ListTemplatesAsync(RequestContext<ListResourceTemplatesRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(McpRevisions.IsJuly2026OrLater(request.JsonRpcRequest, request.Server)
            ? new ListResourceTemplatesResult { ResourceTemplates = [PageTemplate], TimeToLive = TimeSpan.FromHours(1), CacheScope = CacheScope.Public }
            : new ListResourceTemplatesResult { ResourceTemplates = [PageTemplate] });

    public static async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = McpToolHandlers.CallerOf(request.User);
        var uri = request.Params?.Uri ?? "";
        if (PageUri().Match(uri) is not { Success: true } match)
        {
            throw NotFound(request, $"Unknown resource URI. Pages are read as {UriTemplate}, e.g. confluence://pages/123456.");
        }

        var arguments = JsonSerializer.Serialize(new { pageId = match.Groups["id"].Value, format = "markdown" });
        var call = new ToolCall(ReadTool, arguments, McpToolHandlers.ClientOf(request.Server, request.JsonRpcRequest), caller.Credential) { ReadOnly = caller.ReadOnly };
        var result = await request.Services!.GetRequiredService<McpToolHandlers>().CallGrainAsync(caller, call, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var capabilities = request.JsonRpcRequest.Context?.ClientCapabilities ?? request.Server.ClientCapabilities;
        return result switch
        {
            { Status: ToolCallStatus.Succeeded, StructuredJson: { } json } => new ReadResourceResult { Contents = [PageContents(uri, json)] },
            { Status: not ToolCallStatus.Succeeded, UpstreamStatus: 404 } => throw NotFound(request, $"No page {match.Groups["id"].Value} exists that you can see."),
            { Status: ToolCallStatus.UnknownTool } =>
                throw new McpProtocolException($"Reading pages needs the {ReadTool} tool, which you may not use here.", McpErrorCode.InvalidRequest),
            { Status: ToolCallStatus.ConnectionRequired, ConnectLink: { } link } when capabilities?.Elicitation?.Url is not null =>
                throw McpToolHandlers.ConnectElicitation(result.Text, link, "read the page again"),
            { Status: ToolCallStatus.ConnectionRequired, ConnectLink: { } link } =>
                throw new McpProtocolException($"{result.Text} Open {link.Url.AbsoluteUri} to connect your Atlassian account.", McpErrorCode.InvalidRequest),
            { Status: ToolCallStatus.Denied or ToolCallStatus.ConnectionRequired } => throw new McpProtocolException(result.Text, McpErrorCode.InvalidRequest),
            _ => throw new McpProtocolException(result.Text, McpErrorCode.InternalError),
        };
    }

    /// <summary>
    /// A URI that names no page the caller can see: invalid params with the URI in its data (2026-07-28, SEP-2164), or
    /// resource-not-found (-32002) for the revisions before it.
    /// </summary>
    private static McpProtocolException NotFound(RequestContext<ReadResourceRequestParams> request, string message)
    {
        var modern = McpRevisions.IsJuly2026OrLater(request.JsonRpcRequest, request.Server);
        var error = new McpProtocolException(message, modern ? McpErrorCode.InvalidParams : McpErrorCode.ResourceNotFound);
        error.Data["uri"] = request.Params?.Uri;
        return error;
    }

    /// <summary>The page's Markdown; a page longer than one read says where get_page continues.</summary>
    private static TextResourceContents PageContents(string uri, string json)
    {
        using var page = JsonDocument.Parse(json);
        var root = page.RootElement;
        var body = root.GetProperty("body").GetString() ?? "";
        if (root.TryGetProperty("nextOffset", out var next) && next.ValueKind == JsonValueKind.Number)
        {
            body += $"\n\n… The page continues: call get_page with pageId {root.GetProperty("id").GetString()} and offset {next.GetInt32()} for the rest.";
        }

        return new TextResourceContents { Uri = uri, MimeType = "text/markdown", Text = $"# {root.GetProperty("title").GetString()}\n\n{body}" };
    }

    [GeneratedRegex(@"^confluence://pages/(?<id>[0-9]{1,19})$", RegexOptions.CultureInvariant)]
    private static partial Regex PageUri();
}
