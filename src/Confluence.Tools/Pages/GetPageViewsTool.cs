using System.ComponentModel;
using System.Globalization;

namespace Platform.Confluence.Tools;

internal sealed record GetPageViewsArguments(
    [Description("Numeric id of the page or blog post.")][NumericId] string PageId,
    [Description("Count only views on or after this date (yyyy-MM-dd); leave out for all time.")] DateOnly? Since = null);

/// <summary>How often a page was viewed and by how many people.</summary>
internal sealed class GetPageViewsTool() : ConfluenceTool<GetPageViewsArguments>(
    "get_page_views",
    "Get a page's view counts",
    "Returns how many times a page or blog post was viewed and by how many distinct people, in total or since a date, from " +
    "Confluence analytics (available where the site's plan includes analytics; otherwise Confluence refuses). Use it to judge whether a " +
    "page is read before changing or archiving it.",
    ToolAccess.Read, idempotent: true, ["read:analytics.content:confluence"], ToolSchemas.For<PageViewsResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetPageViewsArguments arguments, ConfluenceSession confluence)
    {
        var since = arguments.Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var subject = $"page with id {arguments.PageId}";
        var views = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V1}analytics/content/{arguments.PageId}/views", ("fromDate", since)), subject);
        var viewers = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V1}analytics/content/{arguments.PageId}/viewers", ("fromDate", since)), subject);
        var result = new PageViewsResult(arguments.PageId, views.Int("count") ?? 0, viewers.Int("count") ?? 0, since);
        return ToolOutcome.Success(string.Create(CultureInfo.InvariantCulture,
            $"Page {arguments.PageId} was viewed {result.Views} time(s) by {result.DistinctViewers} person(s){(since is null ? "" : $" since {since}")}."),
            Structured.Json(result), 200);
    }
}

/// <summary>Structured result of get_page_views.</summary>
internal sealed record PageViewsResult(string PageId, int Views, int DistinctViewers, string? Since);
