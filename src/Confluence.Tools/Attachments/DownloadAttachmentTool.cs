using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Platform.Confluence.Content;

namespace Platform.Confluence.Tools;

internal sealed record DownloadAttachmentArguments(
    [Description("Numeric id of the attachment (from list_attachments).")][NumericId] string AttachmentId,
    [Description("Character offset to continue a truncated file from.")][Range(0, int.MaxValue)] int Offset = 0);

/// <summary>Reads the content of a text attachment, bounded.</summary>
internal sealed class DownloadAttachmentTool() : ConfluenceTool<DownloadAttachmentArguments>(
    "download_attachment",
    "Read a text attachment",
    "Returns the content of a text attachment (plain text, Markdown, CSV, JSON, XML, source code…), up to 1 MB, " +
    "about 20,000 characters per call with a marker naming the offset to continue from. Binary files (images, PDFs, Office documents) " +
    "are refused with a message: look at images with get_page_images, describe other files from get_attachment.",
    ToolAccess.Read, idempotent: true, ["read:attachment:confluence"], ToolSchemas.For<AttachmentContentResult>())
{
    private const long MaxBytes = 1024 * 1024;

    private protected override async Task<ToolOutcome> ExecuteAsync(DownloadAttachmentArguments arguments, ConfluenceSession confluence)
    {
        var subject = $"attachment with id {arguments.AttachmentId}";
        var attachment = AttachmentSummary.From(await confluence.GetAsync($"{ConfluencePaths.V2}attachments/{arguments.AttachmentId}", subject));
        if (!TextMediaTypes.IsText(attachment.MediaType))
        {
            return ToolOutcome.ToolError($"'{attachment.Title}' is {attachment.MediaType}, not text, so its content cannot be shown. Only text attachments can be read.", null);
        }
        if (attachment.FileSize > MaxBytes)
        {
            return ToolOutcome.ToolError(string.Create(CultureInfo.InvariantCulture,
                $"'{attachment.Title}' is {attachment.FileSize} bytes; only text files up to {MaxBytes} bytes can be read."), null);
        }
        if (attachment.DownloadPath is not { } path)
        {
            return ToolOutcome.ToolError($"Confluence gave no download link for '{attachment.Title}'.", null);
        }
        var response = await confluence.GetRawAsync(path, subject);
        var content = response.ReadText();
        if (arguments.Offset > content.Length)
        {
            return ToolOutcome.ToolError(string.Create(CultureInfo.InvariantCulture, $"'offset' {arguments.Offset} is past the end of the file ({content.Length} characters)."), null);
        }
        var window = ContentTruncation.Truncate(content, BodyText.WindowCharacters, arguments.Offset);
        return ToolOutcome.Success($"Content of '{attachment.Title}' ({attachment.MediaType}):\n\n{window.Text}",
            Structured.Json(new AttachmentContentResult(attachment.Id, attachment.Title, attachment.MediaType, window.Text, window.Offset, window.NextOffset, window.TotalLength)),
            response.StatusCode);
    }
}
