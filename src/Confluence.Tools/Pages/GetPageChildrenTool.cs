using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record GetPageChildrenArguments(
    [Description("Numeric id of the parent page.")][NumericId] string PageId,
    [Description("Child pages per call, 1 to 250 (default 25).")][Range(1, 250)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next children.")] string? Cursor = null);

/// <summary>Lists the direct child pages of a page.</summary>
internal sealed class GetPageChildrenTool() : ConfluenceTool<GetPageChildrenArguments>(
    "get_page_children",
    "List child pages",
    "Lists the direct child pages of a page (id, title), in their position order. Returns a cursor when more exist. " +
    "For several levels at once use get_page_tree.",
    ToolAccess.Read, idempotent: true, ["read:page:confluence"], ToolSchemas.For<ContentListResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetPageChildrenArguments arguments, ConfluenceSession confluence)
    {
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}/children",
            ("limit", arguments.Limit), ("cursor", arguments.Cursor)), $"page with id {arguments.PageId}");
        return ContentListResult.Outcome($"Child pages of page {arguments.PageId}", answer, "page", null);
    }
}
