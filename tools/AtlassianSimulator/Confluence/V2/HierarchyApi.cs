using AtlassianSimulator.Access;
using AtlassianSimulator.Faults;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>Page tree navigation: children, direct-children, descendants, ancestors.</summary>
public static class HierarchyApi
{
    private static readonly ContentType[] TreeTypes = [ContentType.Page, ContentType.Whiteboard];

    public static RouteGroupBuilder MapHierarchyApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/children", (HttpContext c, SimulatorStore s, string id) => WithPage(c, s, id, (caller, page) =>
            Paging.List(c, Children(caller, page).Where(i => i.Type == ContentType.Page),
                i => new ChildPageJson(Formats.Id(i.Id), i.Status, i.Title, Formats.Id(i.SpaceId), i.Position)))).V2("getChildPages");

        v2.MapGet("/pages/{id}/direct-children", (HttpContext c, SimulatorStore s, string id) => WithPage(c, s, id, (caller, page) =>
            Paging.List(c, Children(caller, page), i => Hierarchy(i, null)))).V2("getPageDirectChildren");

        v2.MapGet("/pages/{id}/descendants", (HttpContext c, SimulatorStore s, FaultState faults, string id) => WithPage(c, s, id, (caller, page) =>
        {
            var maxDepth = int.TryParse(c.Request.Query["depth"], out var d) && d > 0 ? Math.Min(d, 5) : 5;
            var descendants = Descendants(caller, page, 1, maxDepth).Select(x => Hierarchy(x.Item, x.Depth));
            // The fault: the page is listed below itself, a cycle no real site produces.
            var listed = faults.Settings.SelfDescendantPageId == Formats.Id(page.Id)
                ? descendants.Prepend(Hierarchy(page, 1) with { ParentId = Formats.Id(page.Id) })
                : descendants;
            return Paging.List(c, listed, x => x);
        })).V2("getPageDescendants");

        v2.MapGet("/pages/{id}/ancestors", (HttpContext c, SimulatorStore s, string id) => WithPage(c, s, id, (caller, page) =>
            Paging.List(c, Ancestors(caller, page), i => new AncestorJson(Formats.Id(i.Id), V2Mapper.TypeName(i.Type))))).V2("getPageAncestors");
        return v2;
    }

    private static HierarchyJson Hierarchy(Content i, int? depth) =>
        new(Formats.Id(i.Id), i.Status, i.Title, V2Mapper.TypeName(i.Type), Formats.Id(i.SpaceId), i.ParentId is { } p ? Formats.Id(p) : null, depth, i.Position);

    public static IResult WithPage(HttpContext context, SimulatorStore store, string id, Func<Caller, Content, IResult> then)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            var page = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [ContentType.Page]) : null;
            return page is null ? ApiErrors.NotFound(ApiVersion.V2) : then(caller, page);
        }
    }

    private static IEnumerable<Content> Children(Caller caller, Content page) =>
        page.ChildIds.Select(caller.Site.Content.Items.GetValueOrDefault).OfType<Content>()
            .Where(i => TreeTypes.Contains(i.Type) && i.ParentId == page.Id && i.Status == "current" && caller.CanView(i));

    private static IEnumerable<(Content Item, int Depth)> Descendants(Caller caller, Content page, int depth, int maxDepth)
    {
        foreach (var child in Children(caller, page))
        {
            yield return (child, depth);
            if (depth < maxDepth)
            {
                foreach (var grandchild in Descendants(caller, child, depth + 1, maxDepth))
                {
                    yield return grandchild;
                }
            }
        }
    }

    /// <summary>Root first, direct parent last.</summary>
    private static List<Content> Ancestors(Caller caller, Content page)
    {
        var chain = new List<Content>();
        var current = page;
        while (current.ParentId is { } p && caller.Site.Content.Items.TryGetValue(p, out var parent))
        {
            chain.Add(parent);
            current = parent;
        }
        chain.Reverse();
        return chain;
    }
}
