using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record GetPagePropertyArguments(
    [Description("Numeric id of the page.")][NumericId] string PageId,
    [Description("Property key; leave out to list every property of the page.")] string? Key = null);

/// <summary>Reads content properties (JSON values apps and people store on a page).</summary>
internal sealed class GetPagePropertyTool() : ConfluenceTool<GetPagePropertyArguments>(
    "get_page_property",
    "Get page properties",
    "Reads content properties of a page: JSON values stored under a key (by apps, automation or set_page_property), with their versions. " +
    "Give 'key' for one property, or leave it out to list up to 250.",
    ToolAccess.Read, idempotent: true, ["read:page:confluence"], ToolSchemas.For<PagePropertyListResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetPagePropertyArguments arguments, ConfluenceSession confluence)
    {
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}/properties",
            ("key", arguments.Key), ("limit", 250)), $"page with id {arguments.PageId}");
        var properties = answer.Results().Select(PagePropertyResult.From).ToList();
        if (arguments.Key is { } key && properties.Count == 0)
        {
            return ToolOutcome.ToolError($"Page {arguments.PageId} has no property '{key}'. Leave 'key' out to list its properties.", 404);
        }
        var text = ListText.Render($"Properties of page {arguments.PageId}", properties.Select(p => p.Line()).ToList(), null, "No properties.");
        return ToolOutcome.Success(text, Structured.Json(new PagePropertyListResult(properties)), 200);
    }
}
