using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Confluence.Tools;

/// <summary>An attachment's metadata: what it is, where it hangs, how big it is, and its absolute download address.</summary>
internal sealed record AttachmentSummary(string Id, string Title, string MediaType, long FileSize, string? PageId, string? BlogPostId, int? Version,
    string? Comment, string? DownloadUrl)
{
    /// <summary>The download link as Confluence gives it, relative to the site's /wiki base.</summary>
    [JsonIgnore]
    public string? DownloadLink { get; private init; }

    /// <summary>The download link as a path under the API root, for the transport.</summary>
    [JsonIgnore]
    public string? DownloadPath => DownloadLink is not { } link ? null : link.StartsWith("/wiki/", StringComparison.Ordinal) ? link[1..] : "wiki" + link;

    /// <summary>Reads an attachment; <paramref name="siteBase"/> is the list answer's base when the item carries none.</summary>
    public static AttachmentSummary From(JsonElement attachment, string? siteBase = null) => new(
        attachment.Str("id") ?? "", attachment.Str("title") ?? "", attachment.Str("mediaType") ?? "application/octet-stream",
        long.TryParse(attachment.Str("fileSize"), CultureInfo.InvariantCulture, out var size) ? size : 0,
        attachment.Str("pageId"), attachment.Str("blogPostId"), attachment.Int("version", "number"), attachment.Str("comment"),
        ConfluencePaths.WebUrl(attachment.Str("_links", "base") ?? siteBase, attachment.Str("downloadLink")))
    {
        DownloadLink = attachment.Str("downloadLink"),
    };

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"- **{Title}** (attachment {Id}, {MediaType}, {FileSize} bytes, version {Version}){(string.IsNullOrEmpty(Comment) ? "" : $" — {Comment}")}");
}
