using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Platform.Confluence.Tools;

internal sealed record GetPageImagesArguments(
    [Description("Numeric id of the page whose images to show.")][NumericId] string PageId,
    [Description("File name of one image attachment to show; leave out for the page's images in order.")][SingleLine] string? FileName = null,
    [Description("How many images to return, 1 to 5 (default 3).")][Range(1, 5)] int Limit = 3);

/// <summary>Returns a page's image attachments as images the model can see.</summary>
internal sealed class GetPageImagesTool() : ConfluenceTool<GetPageImagesArguments>(
    "get_page_images",
    "Show a page's images",
    "Returns the images attached to a page (PNG, JPEG, GIF, WebP: diagrams, screenshots, photos) as image content you can look at, " +
    "up to 'limit' per call and 1.5 MB each (larger ones are listed, not sent). Pick one with 'fileName' (list_attachments shows the " +
    "names). Text attachments are read with download_attachment; other files can only be described from get_attachment.",
    ToolAccess.Read, idempotent: true, ["read:attachment:confluence"], ToolSchemas.For<PageImagesResult>())
{
    private const long MaxImageBytes = 1536 * 1024;
    private const long MaxTotalBytes = 4 * 1024 * 1024;
    private static readonly string[] ViewableTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    private protected override async Task<ToolOutcome> ExecuteAsync(GetPageImagesArguments arguments, ConfluenceSession confluence)
    {
        var subject = $"page with id {arguments.PageId}";
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}/attachments", ("limit", 250)), subject);
        var candidates = answer.Results().Select(a => AttachmentSummary.From(a, answer.Str("_links", "base")))
            .Where(a => ViewableTypes.Contains(a.MediaType.Split(';')[0].Trim().ToLowerInvariant()))
            .Where(a => arguments.FileName is null || a.Title == arguments.FileName).ToList();
        if (candidates.Count == 0)
        {
            return ToolOutcome.ToolError(arguments.FileName is null
                ? $"Page {arguments.PageId} has no image attachments (PNG, JPEG, GIF or WebP)."
                : $"Page {arguments.PageId} has no image attachment named '{arguments.FileName}'; list_attachments shows its files.", 404);
        }
        var images = new List<ToolImage>();
        var listed = new List<PageImage>();
        long total = 0;
        foreach (var attachment in candidates)
        {
            var note = images.Count >= arguments.Limit ? "not sent: over 'limit'"
                : attachment.FileSize > MaxImageBytes ? string.Create(CultureInfo.InvariantCulture, $"not sent: {attachment.FileSize} bytes, over the {MaxImageBytes}-byte limit")
                : total + attachment.FileSize > MaxTotalBytes ? "not sent: the images of this call are already at the size limit; ask for it by fileName"
                : attachment.DownloadPath is null ? "not sent: Confluence gave no download link"
                : null;
            if (note is null)
            {
                var download = await confluence.DownloadAsync(attachment.DownloadPath!, MaxImageBytes, $"attachment '{attachment.Title}'");
                note = download.TooLarge ? "not sent: larger than its listed size allows" : null;
                if (note is null)
                {
                    images.Add(new ToolImage(attachment.MediaType.Split(';')[0].Trim(), Convert.ToBase64String(download.Content), attachment.Title));
                    total += download.Content.Length;
                }
            }
            listed.Add(new PageImage(attachment.Id, attachment.Title, attachment.MediaType, attachment.FileSize, note is null, note));
        }
        var text = $"Images of page {arguments.PageId}: {images.Count} shown below, {listed.Count - images.Count} not sent.\n\n" +
            string.Join('\n', listed.Select(i => $"- {i.FileName} (attachment {i.AttachmentId}, {i.MediaType}, {i.FileSize} bytes){(i.Note is null ? "" : " — " + i.Note)}"));
        return new ToolOutcome(ToolOutcomeKind.Success, text, Structured.Json(new PageImagesResult(arguments.PageId, listed)), 200, Images: images);
    }
}

internal sealed record PageImage(string AttachmentId, string FileName, string MediaType, long FileSize, bool Sent, string? Note);

/// <summary>Structured result of get_page_images; the images themselves travel as image content.</summary>
internal sealed record PageImagesResult(string PageId, IReadOnlyList<PageImage> Images);
