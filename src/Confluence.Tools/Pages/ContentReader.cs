using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>Shared by the page and blog post readers: metadata header, bounded body and the structured result.</summary>
internal static class ContentReader
{
    public static ToolOutcome Render(JsonElement item, string type, ContentFormat format, int offset)
    {
        var summary = ContentSummary.From(item, type);
        var window = BodyText.Read(item.Str("body", "storage", "value") ?? "", format, offset);
        var fence = format == ContentFormat.Storage ? "Body (storage XHTML, verbatim):\n\n" : "";
        var text = summary.Header() + "\n" + fence + window.Text;
        var result = new PageResult(summary.Id, type, summary.Title, summary.Status, summary.SpaceId, summary.Version, summary.ParentId,
            summary.WebUrl, format, window.Text, window.Offset, window.NextOffset, window.TotalLength);
        return ToolOutcome.Success(text, Structured.Json(result), 200);
    }
}
