using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record GetWhiteboardArguments(
    [Description("Numeric id of the whiteboard.")][NumericId] string WhiteboardId);

/// <summary>Reads a whiteboard's metadata.</summary>
internal sealed class GetWhiteboardTool() : ConfluenceTool<GetWhiteboardArguments>(
    "get_whiteboard",
    "Get a whiteboard",
    "Reads a whiteboard's metadata: title, space id, parent, version, web URL. The drawing itself is not available through the API.",
    ToolAccess.Read, idempotent: true, ["read:whiteboard:confluence"], ToolSchemas.For<ContentListItem>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetWhiteboardArguments arguments, ConfluenceSession confluence)
    {
        var board = await confluence.GetAsync($"{ConfluencePaths.V2}whiteboards/{arguments.WhiteboardId}", $"whiteboard with id {arguments.WhiteboardId}");
        var summary = ContentSummary.From(board, "whiteboard");
        return ToolOutcome.Success(summary.Header(),
            Structured.Json(summary.Item()), 200);
    }
}
