using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record DeleteWhiteboardArguments(
    [Description("Numeric id of the whiteboard to delete.")][NumericId] string WhiteboardId);

/// <summary>Moves a whiteboard to the trash.</summary>
internal sealed class DeleteWhiteboardTool() : ConfluenceTool<DeleteWhiteboardArguments>(
    "delete_whiteboard",
    "Delete a whiteboard",
    "Moves a whiteboard to the space's trash (a space admin can restore it). Confirm with the user first.",
    ToolAccess.Destructive, idempotent: true, ["delete:whiteboard:confluence"], ToolSchemas.For<DeleteResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(DeleteWhiteboardArguments arguments, ConfluenceSession confluence)
    {
        await confluence.SendAsync("DELETE", $"{ConfluencePaths.V2}whiteboards/{arguments.WhiteboardId}", null, $"whiteboard with id {arguments.WhiteboardId}");
        return ToolOutcome.Success($"Moved whiteboard {arguments.WhiteboardId} to the trash.",
            Structured.Json(new DeleteResult(arguments.WhiteboardId, "whiteboard", Trashed: true)), 204);
    }
}
