using System.Text.Json;
using AtlassianSimulator.Access;
using AtlassianSimulator.Confluence.V2;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>
/// v1 page copies: one page (<c>/content/{id}/copy</c>, answered with the copy) or a page with its descendants
/// (<c>/content/{id}/pagehierarchy/copy</c>, a long-running task polled at <c>/longtask/{id}</c>). The simulator copies
/// at once, so the task is finished when first read.
/// </summary>
public static class CopyApi
{
    public static RouteGroupBuilder MapCopyApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/content/{id}/copy", CopyPage).V1("v1.copyPage");
        v1.MapPost("/content/{id}/pagehierarchy/copy", CopyHierarchy).V1("v1.copyPageHierarchy");
        v1.MapGet("/longtask/{id}", GetTask).V1("v1.getTask");
        return v1;
    }

    private static async Task<IResult> CopyPage(HttpContext context, SimulatorStore store, TimeProvider clock, string id)
    {
        var caller = Caller.Of(context);
        var request = await V1Json.ReadAsync(context);
        if (request is not { } body || V1Json.Str(body, "destination", "type") is not { } type || V1Json.Str(body, "destination", "value") is not { } value)
        {
            return ApiErrors.V1(400, "destination with type and value is required");
        }
        lock (store.Gate)
        {
            var source = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [ContentType.Page]) : null;
            if (source is null)
            {
                return ApiErrors.NotFound(ApiVersion.V1);
            }
            var title = V1Json.Str(body, "pageTitle") ?? source.Title;
            var storage = V1Json.Str(body, "body", "storage", "value") ?? source.Body;
            var now = clock.GetUtcNow();
            Content? copy;
            switch (type)
            {
                case "parent_page" or "space":
                    var parent = type == "parent_page"
                        ? Formats.ParseId(value) is { } parentId ? caller.FindVisible(parentId, [ContentType.Page]) : null
                        : caller.Site.Content.SpacesByKey.TryGetValue(value, out var space) && caller.CanView(space) ? caller.Site.Content.Items.GetValueOrDefault(space.HomepageId ?? 0) : null;
                    if (parent is null)
                    {
                        return ApiErrors.V1(404, "The destination page or space was not found");
                    }
                    var (created, error) = ContentOps.Create(store, caller, ContentType.Page, parent.SpaceId, title, parent.Id, "storage", storage, now);
                    if (created is null)
                    {
                        return ApiErrors.V1(400, error!);
                    }
                    copy = created;
                    break;
                case "existing_page":
                    copy = Formats.ParseId(value) is { } targetId ? caller.FindVisible(targetId, [ContentType.Page]) : null;
                    if (copy is null)
                    {
                        return ApiErrors.V1(404, "The destination page was not found");
                    }
                    if (ContentOps.Update(copy, caller, title, "storage", storage, copy.Current.Number + 1, "Copied from " + source.Title, now, ApiVersion.V1) is { } failed)
                    {
                        return failed;
                    }
                    break;
                default:
                    return ApiErrors.V1(400, "destination.type must be space, parent_page or existing_page");
            }
            CopyExtras(store, caller.Site, source, copy, body, now);
            return Results.Json(V1Mapper.Content(caller, copy, new HashSet<string> { "space", "version", "ancestors" }));
        }
    }

    private static async Task<IResult> CopyHierarchy(HttpContext context, SimulatorStore store, TimeProvider clock, string id)
    {
        var caller = Caller.Of(context);
        var request = await V1Json.ReadAsync(context);
        if (request is not { } body || Formats.ParseId(V1Json.Str(body, "destinationPageId")) is not { } destinationId)
        {
            return ApiErrors.V1(400, "destinationPageId is required");
        }
        lock (store.Gate)
        {
            var source = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [ContentType.Page]) : null;
            var destination = caller.FindVisible(destinationId, [ContentType.Page]);
            if (source is null || destination is null)
            {
                return ApiErrors.V1(404, "The original page or the destination page was not found");
            }
            var prefix = V1Json.Str(body, "titleOptions", "prefix") ?? "";
            var (search, replace) = (V1Json.Str(body, "titleOptions", "search"), V1Json.Str(body, "titleOptions", "replace") ?? "");
            string Title(string original) => prefix + (string.IsNullOrEmpty(search) ? original : original.Replace(search, replace, StringComparison.Ordinal));
            if (destination.SpaceId == source.SpaceId && Title(source.Title) == source.Title)
            {
                return ApiErrors.V1(400, "Copying within the same space needs a title prefix or a search and replace that changes the titles");
            }
            var now = clock.GetUtcNow();
            var copied = 0;
            string? error = null;
            // The tree is taken before copying, so a copy placed inside it is not copied again.
            var tree = Tree(caller, source);
            var copies = new Dictionary<long, Content> { [source.ParentId ?? 0] = destination };
            foreach (var page in tree)
            {
                var under = page.Id == source.Id ? destination : copies.GetValueOrDefault(page.ParentId ?? 0);
                if (under is null)
                {
                    continue;
                }
                var (copy, failure) = ContentOps.Create(store, caller, ContentType.Page, under.SpaceId, Title(page.Title), under.Id, "storage", page.Body, now);
                if (copy is null)
                {
                    error ??= $"{page.Title}: {failure}";
                    continue;
                }
                copied++;
                copies[page.Id] = copy;
                CopyExtras(store, caller.Site, page, copy, body, now);
            }
            var task = new LongTask(store.NewGuid().ToString(), "copy.page.hierarchy", now, destination.Id, copied, error);
            caller.Site.Content.Tasks[task.Id] = task;
            return Results.Json(new { id = task.Id, links = new { status = $"/rest/api/longtask/{task.Id}" } }, statusCode: 202);
        }
    }

    /// <summary>The page and its visible descendants, parents before children.</summary>
    private static List<Content> Tree(Caller caller, Content root)
    {
        var tree = new List<Content> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(tree[i].ChildIds.Select(caller.Site.Content.Items.GetValueOrDefault).OfType<Content>()
                .Where(c => c.Type == ContentType.Page && c.ParentId == tree[i].Id && c.Status == "current" && caller.CanView(c)));
        }
        return tree;
    }

    private static IResult GetTask(HttpContext context, SimulatorStore store, TimeProvider clock, string id)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            if (!caller.Site.Content.Tasks.TryGetValue(id, out var task))
            {
                return ApiErrors.V1(404, "No task found with the given id");
            }
            var messages = new List<object> { new { translation = $"Copied {task.PagesCopied} pages", args = Array.Empty<object>() } };
            if (task.Error is { } error)
            {
                messages.Add(new { translation = error, args = Array.Empty<object>() });
            }
            return Results.Json(new Dictionary<string, object?>
            {
                ["id"] = task.Id,
                ["name"] = new { key = task.Key, args = Array.Empty<object>() },
                ["elapsedTime"] = (long)(clock.GetUtcNow() - task.StartedAt).TotalMilliseconds,
                ["percentageComplete"] = 100,
                ["successful"] = task.Error is null,
                ["finished"] = true,
                ["messages"] = messages,
                ["status"] = task.Error is null ? "COMPLETED" : "FAILED",
                ["additionalDetails"] = new { destinationId = Formats.Id(task.DestinationId), destinationUrl = $"{caller.BaseUrl}/pages/viewpage.action?pageId={task.DestinationId}", totalPageNeedToCopy = task.PagesCopied },
                ["_links"] = new { self = $"{caller.BaseUrl}/rest/api/longtask/{task.Id}" },
            });
        }
    }

    /// <summary>Labels, attachments, properties and restrictions come along when asked for.</summary>
    private static void CopyExtras(SimulatorStore store, Site site, Content source, Content copy, JsonElement body, DateTimeOffset now)
    {
        if (V1Json.Bool(body, "copyLabels"))
        {
            copy.Labels.AddRange(source.Labels.Where(l => copy.Labels.All(x => x.Name != l.Name)).Select(l => l with { Id = store.NewId() }));
        }
        if (V1Json.Bool(body, "copyAttachments"))
        {
            foreach (var file in source.ChildIds.Select(site.Content.Items.GetValueOrDefault).OfType<Content>().Where(c => c.Type == ContentType.Attachment && c.Status == "current").ToList())
            {
                var clone = store.AddContent(site, ContentType.Attachment, copy.SpaceId, file.Title, "", file.AuthorId, now, null, copy.Id);
                clone.MediaType = file.MediaType;
                clone.Data = file.Data;
            }
        }
        if (V1Json.Bool(body, "copyProperties"))
        {
            copy.Properties.AddRange(source.Properties.Select(p => new ContentProperty { Id = store.NewId(), Key = p.Key, Value = p.Value?.DeepClone(), Version = p.Version }));
        }
        if (V1Json.Bool(body, "copyPermissions"))
        {
            (copy.ViewerAccountIds, copy.ViewerGroupIds) = (source.ViewerAccountIds?.ToHashSet(), source.ViewerGroupIds?.ToHashSet());
            (copy.EditorAccountIds, copy.EditorGroupIds) = (source.EditorAccountIds?.ToHashSet(), source.EditorGroupIds?.ToHashSet());
        }
    }
}
