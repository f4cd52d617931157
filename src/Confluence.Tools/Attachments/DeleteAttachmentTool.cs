using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record DeleteAttachmentArguments(
    [Description("Numeric id of the attachment to delete.")][NumericId] string AttachmentId);

/// <summary>Moves an attachment to the trash.</summary>
internal sealed class DeleteAttachmentTool() : ConfluenceTool<DeleteAttachmentArguments>(
    "delete_attachment",
    "Delete an attachment",
    "Deletes an attachment (moves it to the trash with all its versions). Pages that show or link it will show a broken link. " +
    "Confirm with the user first.",
    ToolAccess.Destructive, idempotent: true, ["delete:attachment:confluence"], ToolSchemas.For<DeleteResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(DeleteAttachmentArguments arguments, ConfluenceSession confluence)
    {
        await confluence.SendAsync("DELETE", $"{ConfluencePaths.V2}attachments/{arguments.AttachmentId}", null, $"attachment with id {arguments.AttachmentId}");
        return ToolOutcome.Success($"Moved attachment {arguments.AttachmentId} to the trash.",
            Structured.Json(new DeleteResult(arguments.AttachmentId, "attachment", Trashed: true)), 204);
    }
}
