using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>Structured result of a list of pages, blog posts or child pages, with the cursor of the next call.</summary>
internal sealed record ContentListResult(IReadOnlyList<ContentListItem> Results, string? NextCursor)
{
    public static ToolOutcome Outcome(string heading, JsonElement answer, string type, string? siteBase)
    {
        var linkBase = answer.Str("_links", "base") ?? siteBase;
        var summaries = answer.Results().Select(item => ContentSummary.From(item, type, linkBase)).ToList();
        var next = ConfluencePaths.NextCursor(answer);
        var text = ListText.Render(heading, summaries.Select(s => s.Line()).ToList(), next, "No results.");
        var result = new ContentListResult(summaries.Select(s => s.Item()).ToList(), next);
        return ToolOutcome.Success(text, Structured.Json(result), 200);
    }
}

internal sealed record ContentListItem(string Id, string Type, string Title, string Status, string? SpaceId, int? Version, string? ParentId, string? WebUrl);
