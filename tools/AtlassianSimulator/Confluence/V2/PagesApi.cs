using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>v2 pages and blog posts: list, get, create, update, delete (trash and purge), per-space lists.</summary>
public static class PagesApi
{
    public static RouteGroupBuilder MapPagesApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages", (HttpContext c, SimulatorStore s) => List(c, s, ContentType.Page, null)).V2("getPages");
        v2.MapGet("/spaces/{id}/pages", (HttpContext c, SimulatorStore s, string id) => List(c, s, ContentType.Page, id)).V2("getPagesInSpace");
        v2.MapGet("/pages/{id}", (HttpContext c, SimulatorStore s, string id) => Get(c, s, ContentType.Page, id)).V2("getPageById");
        v2.MapPost("/pages", (HttpContext c, SimulatorStore s, TimeProvider t, ContentWrite body) => Create(c, s, t, ContentType.Page, body)).V2("createPage");
        v2.MapPut("/pages/{id}", (HttpContext c, SimulatorStore s, TimeProvider t, string id, ContentWrite body) => Update(c, s, t, ContentType.Page, id, body)).V2("updatePage");
        v2.MapDelete("/pages/{id}", (HttpContext c, SimulatorStore s, string id) => Delete(c, s, ContentType.Page, id)).V2("deletePage");

        v2.MapGet("/blogposts", (HttpContext c, SimulatorStore s) => List(c, s, ContentType.BlogPost, null)).V2("getBlogPosts");
        v2.MapGet("/spaces/{id}/blogposts", (HttpContext c, SimulatorStore s, string id) => List(c, s, ContentType.BlogPost, id)).V2("getBlogPostsInSpace");
        v2.MapGet("/blogposts/{id}", (HttpContext c, SimulatorStore s, string id) => Get(c, s, ContentType.BlogPost, id)).V2("getBlogPostById");
        v2.MapPost("/blogposts", (HttpContext c, SimulatorStore s, TimeProvider t, ContentWrite body) => Create(c, s, t, ContentType.BlogPost, body)).V2("createBlogPost");
        v2.MapPut("/blogposts/{id}", (HttpContext c, SimulatorStore s, TimeProvider t, string id, ContentWrite body) => Update(c, s, t, ContentType.BlogPost, id, body)).V2("updateBlogPost");
        v2.MapDelete("/blogposts/{id}", (HttpContext c, SimulatorStore s, string id) => Delete(c, s, ContentType.BlogPost, id)).V2("deleteBlogPost");
        return v2;
    }

    private static object Map(Caller caller, Content item, string? format, bool withBase, ContentVersion? version = null) =>
        item.Type == ContentType.Page ? V2Mapper.Page(caller, item, format, withBase, version) : V2Mapper.BlogPost(caller, item, format, withBase, version);

    private static IResult List(HttpContext context, SimulatorStore store, ContentType type, string? spaceId)
    {
        var caller = Caller.Of(context);
        var request = context.Request;
        var format = QueryParams.BodyFormat(request);
        if (format is not null and not ("storage" or "atlas_doc_format"))
        {
            return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", "Invalid body-format");
        }
        var statuses = QueryParams.Statuses(request, "current");
        var spaceIds = spaceId is null ? QueryParams.Ids(request, "space-id") : [Formats.ParseId(spaceId) ?? -1];
        var ids = QueryParams.Ids(request, "id");
        var title = request.Query["title"].FirstOrDefault();
        lock (store.Gate)
        {
            if (spaceId is not null && !(caller.Site.Content.Spaces.TryGetValue(spaceIds.First(), out var space) && caller.CanView(space)))
            {
                return ApiErrors.NotFound(ApiVersion.V2);
            }
            var items = caller.Site.Content.Items.Values.Where(i => i.Type == type && statuses.Contains(i.Status)
                && (spaceIds.Count == 0 || spaceIds.Contains(i.SpaceId)) && (ids.Count == 0 || ids.Contains(i.Id))
                && (title is null || i.Title == title) && caller.CanView(i));
            return Paging.List(context, QueryParams.Sort(items, request.Query["sort"]), i => Map(caller, i, format, false));
        }
    }

    private static IResult Get(HttpContext context, SimulatorStore store, ContentType type, string id)
    {
        var caller = Caller.Of(context);
        var format = QueryParams.BodyFormat(context.Request);
        if (!QueryParams.IsReadableFormat(format))
        {
            return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", "Invalid body-format");
        }
        lock (store.Gate)
        {
            var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [type], QueryParams.Statuses(context.Request, "current", "archived")) : null;
            if (item is null)
            {
                return ApiErrors.NotFound(ApiVersion.V2);
            }
            // ?version=N returns a previously published version.
            var version = int.TryParse(context.Request.Query["version"], System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? item.Versions.FirstOrDefault(v => v.Number == number) : item.Current;
            if (version is null)
            {
                return ApiErrors.NotFound(ApiVersion.V2);
            }
            var json = Map(caller, item, format, true, version);
            if (json is PageJson page && context.Request.Query["include-labels"] == "true")
            {
                json = page with { Labels = IncludedLabels(item) };
            }
            return Results.Json(json);
        }
    }

    private static IncludedJson<LabelJson> IncludedLabels(Content item)
    {
        const int Included = 50;
        return new IncludedJson<LabelJson>(item.Labels.OrderBy(l => l.Id).Take(Included).Select(V2Mapper.Label).ToList(),
            new IncludedMeta(item.Labels.Count > Included, ""), new IncludedLinks($"/api/v2/pages/{item.Id}/labels"));
    }

    private static IResult Create(HttpContext context, SimulatorStore store, TimeProvider clock, ContentType type, ContentWrite body)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            var written = body.Body?.Flatten();
            var (item, error) = ContentOps.Create(store, caller, type, Formats.ParseId(body.SpaceId), body.Title, Formats.ParseId(body.ParentId),
                written?.Representation, written?.Value, clock.GetUtcNow());
            if (item is null)
            {
                return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", error!);
            }
            return Results.Json(Map(caller, item, "storage", true));
        }
    }

    private static IResult Update(HttpContext context, SimulatorStore store, TimeProvider clock, ContentType type, string id, ContentWrite body)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [type]) : null;
            if (item is null)
            {
                return ApiErrors.NotFound(ApiVersion.V2);
            }
            var written = body.Body?.Flatten();
            var error = ContentOps.Update(item, caller, body.Title, written?.Representation, written?.Value, body.Version?.Number, body.Version?.Message, clock.GetUtcNow(), ApiVersion.V2,
                type == ContentType.Page ? Formats.ParseId(body.ParentId) : null);
            return error ?? Results.Json(Map(caller, item, "storage", true));
        }
    }

    private static IResult Delete(HttpContext context, SimulatorStore store, ContentType type, string id)
    {
        var caller = Caller.Of(context);
        var purge = context.Request.Query["purge"] == "true";
        lock (store.Gate)
        {
            var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [type], "current", "trashed") : null;
            return item is null ? ApiErrors.NotFound(ApiVersion.V2) : ContentOps.Delete(caller, item, purge);
        }
    }
}
