using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record GetAttachmentArguments(
    [Description("Numeric id of the attachment (from list_attachments), without any 'att' prefix.")][NumericId] string AttachmentId);

/// <summary>Reads one attachment's metadata.</summary>
internal sealed class GetAttachmentTool() : ConfluenceTool<GetAttachmentArguments>(
    "get_attachment",
    "Get attachment metadata",
    "Reads an attachment's metadata: file name, media type, size, version, comment and the page or blog post it belongs to. " +
    "Does not return the content: use download_attachment for text files and get_page_images to look at images.",
    ToolAccess.Read, idempotent: true, ["read:attachment:confluence"], ToolSchemas.For<AttachmentSummary>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetAttachmentArguments arguments, ConfluenceSession confluence)
    {
        var attachment = AttachmentSummary.From(await confluence.GetAsync($"{ConfluencePaths.V2}attachments/{arguments.AttachmentId}", $"attachment with id {arguments.AttachmentId}"));
        var owner = attachment.PageId is { } page ? $"page {page}" : $"blog post {attachment.BlogPostId}";
        return ToolOutcome.Success($"{attachment.Line()}\n\nAttached to {owner}.\n", Structured.Json(attachment), 200);
    }
}
