using System.Globalization;
using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>An attachment's metadata: what it is, where it hangs, how big it is.</summary>
internal sealed record AttachmentSummary(string Id, string Title, string MediaType, long FileSize, string? PageId, string? BlogPostId, int? Version,
    string? Comment, string? DownloadLink)
{
    public static AttachmentSummary From(JsonElement attachment) => new(
        attachment.Str("id") ?? "", attachment.Str("title") ?? "", attachment.Str("mediaType") ?? "application/octet-stream",
        long.TryParse(attachment.Str("fileSize"), CultureInfo.InvariantCulture, out var size) ? size : 0,
        attachment.Str("pageId"), attachment.Str("blogPostId"), attachment.Int("version", "number"), attachment.Str("comment"),
        attachment.Str("downloadLink"));

    /// <summary>The download link as a path under the API root; Confluence gives it relative to the site's /wiki base.</summary>
    public string? DownloadPath => DownloadLink is not { } link ? null : link.StartsWith("/wiki/", StringComparison.Ordinal) ? link[1..] : "wiki" + link;

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"- **{Title}** (attachment {Id}, {MediaType}, {FileSize} bytes, version {Version}){(string.IsNullOrEmpty(Comment) ? "" : $" — {Comment}")}");
}
