using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record ListAttachmentsArguments(
    [Description("Numeric id of the page whose attachments to list.")][NumericId] string PageId,
    [Description("Attachments per call, 1 to 250 (default 25).")][Range(1, 250)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next attachments.")] string? Cursor = null);

/// <summary>Lists the files attached to a page.</summary>
internal sealed class ListAttachmentsTool() : ConfluenceTool<ListAttachmentsArguments>(
    "list_attachments",
    "List a page's attachments",
    "Lists the files attached to a page: attachment id, file name, media type, size and version. " +
    "Read a text file's content with download_attachment. Returns a cursor when more exist.",
    ToolAccess.Read, idempotent: true, ["read:attachment:confluence"], ToolSchemas.For<AttachmentListResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(ListAttachmentsArguments arguments, ConfluenceSession confluence)
    {
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}/attachments",
            ("limit", arguments.Limit), ("cursor", arguments.Cursor)), $"page with id {arguments.PageId}");
        var attachments = answer.Results().Select(a => AttachmentSummary.From(a, answer.Str("_links", "base"))).ToList();
        var next = ConfluencePaths.NextCursor(answer);
        return ToolOutcome.Success(ListText.Render($"Attachments of page {arguments.PageId}", attachments.Select(a => a.Line()).ToList(), next, "No attachments."),
            Structured.Json(new AttachmentListResult(attachments, next)), 200);
    }
}
