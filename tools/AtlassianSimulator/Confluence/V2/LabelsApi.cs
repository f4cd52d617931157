using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>Labels (read-only in v2; v1 adds and removes them).</summary>
public static class LabelsApi
{
    public static RouteGroupBuilder MapLabelsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/labels", (HttpContext c, SimulatorStore s, string id) => List(c, s, id, ContentType.Page)).V2("getPageLabels");
        v2.MapGet("/blogposts/{id}/labels", (HttpContext c, SimulatorStore s, string id) => List(c, s, id, ContentType.BlogPost)).V2("getBlogPostLabels");
        v2.MapGet("/labels", (HttpContext c, SimulatorStore s) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                var labels = caller.Site.Content.Items.Values.Where(i => i.Status == "current" && caller.CanView(i))
                    .SelectMany(i => i.Labels).DistinctBy(l => l.Name).OrderBy(l => l.Id);
                return Paging.List(c, labels, V2Mapper.Label);
            }
        }).V2("getLabels");
        return v2;
    }

    private static IResult List(HttpContext context, SimulatorStore store, string id, ContentType type)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [type]) : null;
            return item is null ? ApiErrors.NotFound(ApiVersion.V2) : Paging.List(context, item.Labels.OrderBy(l => l.Id), V2Mapper.Label);
        }
    }
}
