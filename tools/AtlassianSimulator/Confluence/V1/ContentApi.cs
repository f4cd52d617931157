using System.Text.Json;
using AtlassianSimulator.Access;
using AtlassianSimulator.Confluence.V2;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>v1 content: list, get (with expand), create, update.</summary>
public static class ContentApi
{
    private static readonly ContentType[] V1Types = [ContentType.Page, ContentType.BlogPost, ContentType.Attachment, ContentType.FooterComment, ContentType.InlineComment];

    public static RouteGroupBuilder MapContentApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/content", List).V1("v1.getContent");
        v1.MapGet("/content/{id}", Get).V1("v1.getContent");
        v1.MapPost("/content", Create).V1("v1.createContent");
        v1.MapPut("/content/{id}", Update).V1("v1.updateContent");
        return v1;
    }

    private static ContentType ParseType(string? type) => type == "blogpost" ? ContentType.BlogPost : ContentType.Page;

    private static IResult List(HttpContext context, SimulatorStore store)
    {
        var caller = Caller.Of(context);
        var q = context.Request.Query;
        var type = ParseType(q["type"]);
        var spaceKey = q["spaceKey"].FirstOrDefault();
        var title = q["title"].FirstOrDefault();
        var status = q["status"].FirstOrDefault() ?? "current";
        var expand = V1Mapper.Expand(context.Request);
        lock (store.Gate)
        {
            var items = caller.Site.Content.Items.Values.Where(i => i.Type == type && i.Status == status && caller.CanView(i)
                && (spaceKey is null || (caller.Site.Content.SpacesByKey.TryGetValue(spaceKey, out var s) && s.Id == i.SpaceId))
                && (title is null || i.Title == title)).ToList();
            return V1Paging.List(context, items, i => V1Mapper.Content(caller, i, expand));
        }
    }

    private static IResult Get(HttpContext context, SimulatorStore store, string id)
    {
        var caller = Caller.Of(context);
        var status = context.Request.Query["status"].FirstOrDefault() ?? "current";
        lock (store.Gate)
        {
            var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, V1Types, status) : null;
            return item is null ? ApiErrors.NotFound(ApiVersion.V1) : Results.Json(V1Mapper.Content(caller, item, V1Mapper.Expand(context.Request)));
        }
    }

    private static async Task<IResult> Create(HttpContext context, SimulatorStore store, TimeProvider clock)
    {
        var caller = Caller.Of(context);
        var body = await V1Json.ReadAsync(context);
        if (body is null)
        {
            return ApiErrors.V1(400, "Invalid request body");
        }
        var (value, representation) = Body(body.Value);
        lock (store.Gate)
        {
            var space = V1Json.Str(body.Value, "space", "key") is { } key && caller.Site.Content.SpacesByKey.TryGetValue(key, out var s) ? s : null;
            var parentId = body.Value.TryGetProperty("ancestors", out var a) && a.ValueKind == JsonValueKind.Array && a.GetArrayLength() > 0
                ? Formats.ParseId(V1Json.Str(a[a.GetArrayLength() - 1], "id")) : null;
            var (item, error) = ContentOps.Create(store, caller, ParseType(V1Json.Str(body.Value, "type")), space?.Id, V1Json.Str(body.Value, "title"), parentId, representation, value, clock.GetUtcNow());
            return item is null ? ApiErrors.V1(400, error!) : Results.Json(V1Mapper.Content(caller, item, new HashSet<string> { "space", "version", "ancestors", "body.storage" }));
        }
    }

    private static async Task<IResult> Update(HttpContext context, SimulatorStore store, TimeProvider clock, string id)
    {
        var caller = Caller.Of(context);
        var body = await V1Json.ReadAsync(context);
        if (body is null)
        {
            return ApiErrors.V1(400, "Invalid request body");
        }
        var (value, representation) = Body(body.Value);
        var number = body.Value.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Object && v.TryGetProperty("number", out var n) && n.TryGetInt32(out var num) ? num : (int?)null;
        lock (store.Gate)
        {
            var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [ContentType.Page, ContentType.BlogPost]) : null;
            if (item is null)
            {
                return ApiErrors.NotFound(ApiVersion.V1);
            }
            var error = ContentOps.Update(item, caller, V1Json.Str(body.Value, "title") ?? item.Title, representation, value, number, V1Json.Str(body.Value, "version", "message"), clock.GetUtcNow(), ApiVersion.V1);
            return error ?? Results.Json(V1Mapper.Content(caller, item, new HashSet<string> { "space", "version", "ancestors", "body.storage" }));
        }
    }

    private static (string? Value, string? Representation) Body(JsonElement root)
    {
        foreach (var representation in new[] { "storage", "atlas_doc_format", "wiki" })
        {
            if (V1Json.Str(root, "body", representation, "value") is { } value)
            {
                return (value, representation);
            }
        }
        return (null, null);
    }
}
