using System.Globalization;
using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>v1 analytics: a page's total views and distinct viewers, optionally since <c>fromDate</c>.</summary>
public static class AnalyticsApi
{
    public static RouteGroupBuilder MapAnalyticsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/analytics/content/{contentId}/views", (HttpContext c, SimulatorStore s, string contentId) => Count(c, s, contentId, views => views.Count()))
            .V1("v1.getViews");
        v1.MapGet("/analytics/content/{contentId}/viewers", (HttpContext c, SimulatorStore s, string contentId) => Count(c, s, contentId, views => views.Select(v => v.AccountId).Distinct().Count()))
            .V1("v1.getViewers");
        return v1;
    }

    private static IResult Count(HttpContext context, SimulatorStore store, string contentId, Func<IEnumerable<PageView>, int> count)
    {
        var caller = Caller.Of(context);
        var fromText = context.Request.Query["fromDate"].FirstOrDefault();
        DateTimeOffset? from = null;
        if (fromText is not null)
        {
            if (!DateTimeOffset.TryParse(fromText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return ApiErrors.V1(400, "fromDate must be a date such as 2026-01-31");
            }
            from = parsed;
        }
        lock (store.Gate)
        {
            var item = Formats.ParseId(contentId) is { } key ? caller.FindVisible(key, [ContentType.Page, ContentType.BlogPost]) : null;
            return item is null
                ? ApiErrors.NotFound(ApiVersion.V1)
                : Results.Json(new { id = item.Id, count = count(item.Views.Where(v => from is null || v.At >= from)) });
        }
    }
}
