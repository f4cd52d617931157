using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace Platform.Confluence.Tools;

internal sealed record UploadAttachmentArguments(
    [Description("Numeric id of the page or blog post to attach the file to.")][NumericId] string PageId,
    [Description("File name including extension, e.g. \"notes.md\". Confluence refuses a name already attached to the page; delete the old file or pick another name.")] string FileName,
    [Description("File content as text (UTF-8). Give either 'text' or 'base64'.")] string? Text = null,
    [Description("File content as base64, for binary files.")] string? Base64 = null,
    [Description("Media type, e.g. \"text/markdown\" or \"image/png\"; default text/plain for text, application/octet-stream for base64.")] string? MediaType = null,
    [Description("Comment stored with this version of the file.")] string? Comment = null);

/// <summary>Attaches a file (text or base64) to a page.</summary>
internal sealed class UploadAttachmentTool() : ConfluenceTool<UploadAttachmentArguments>(
    "upload_attachment",
    "Attach a file to a page",
    $"Uploads a file to a page or blog post, given as text or as base64, up to {MaxBytes / (1024 * 1024)} MB. " +
    "Returns the attachment id; link it in a page body as [name](attachment:file-name) or show images with ![alt](attachment:file-name).",
    ToolAccess.Write, idempotent: false, ["read:content-details:confluence", "write:attachment:confluence"], ToolSchemas.For<UploadResult>())
{
    private const int MaxBytes = 5 * 1024 * 1024;

    private protected override string? Check(UploadAttachmentArguments arguments)
    {
        if ((arguments.Text is null) == (arguments.Base64 is null))
        {
            return "give exactly one of 'text' or 'base64'";
        }
        if (arguments.FileName.IndexOfAny(['/', '\\']) >= 0)
        {
            return "'fileName' must be a plain file name without '/' or '\\'";
        }
        if (arguments.Base64 is { } base64 && !Convert.TryFromBase64String(base64, new byte[base64.Length], out _))
        {
            return "'base64' is not valid base64";
        }
        var size = arguments.Text is { } text ? Encoding.UTF8.GetByteCount(text) : arguments.Base64!.Length / 4 * 3;
        return size > MaxBytes ? string.Create(CultureInfo.InvariantCulture, $"the file must be at most {MaxBytes} bytes") : null;
    }

    private protected override async Task<ToolOutcome> ExecuteAsync(UploadAttachmentArguments arguments, ConfluenceSession confluence)
    {
        var content = arguments.Text is { } text ? Encoding.UTF8.GetBytes(text) : Convert.FromBase64String(arguments.Base64!);
        var mediaType = arguments.MediaType ?? (arguments.Text is null ? "application/octet-stream" : "text/plain");
        var upload = new FileUpload(arguments.FileName, mediaType, content, arguments.Comment);
        var answer = await confluence.UploadAsync($"{ConfluencePaths.V1}content/{arguments.PageId}/child/attachment", upload, $"page with id {arguments.PageId}");
        var created = answer.Results().FirstOrDefault();
        // v1 answers "att123"-style ids on some sites; the v2 tools take the number.
        var id = created.Str("id")?.Replace("att", "", StringComparison.Ordinal);
        return ToolOutcome.Success(string.Create(CultureInfo.InvariantCulture,
            $"Attached '{arguments.FileName}' ({content.Length} bytes, {mediaType}) to page {arguments.PageId} as attachment {id}."),
            Structured.Json(new UploadResult(id, arguments.FileName, mediaType, content.Length, arguments.PageId)), 200);
    }
}
