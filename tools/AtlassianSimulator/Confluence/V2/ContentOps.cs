using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>Create, update and delete rules shared by pages, blog posts and v1 content. Callers hold the store lock.</summary>
public static class ContentOps
{
    /// <summary>Creates a page or blog post; returns an error message for a 400 otherwise.</summary>
    public static (Content? Item, string? Error) Create(SimulatorStore store, Caller caller, ContentType type, long? spaceId, string? title, long? parentId, string? representation, string? value, DateTimeOffset now)
    {
        var content = caller.Site.Content;
        if (spaceId is null || !content.Spaces.TryGetValue(spaceId.Value, out var space) || !caller.CanView(space))
        {
            return (null, "Space not found or not permitted");
        }
        if (string.IsNullOrWhiteSpace(title))
        {
            return (null, "Title is required");
        }
        var storage = BodyFormats.ToStorage(representation ?? "storage", value ?? "");
        if (storage is null)
        {
            return (null, "Unsupported body representation");
        }
        if (content.Items.Values.Any(i => i.Type == type && i.SpaceId == space.Id && i.Status == "current" && i.Title == title))
        {
            return (null, "A page with this title already exists in this space");
        }
        Content? parent = null;
        if (type == ContentType.Page)
        {
            parent = parentId is { } p ? caller.FindVisible(p, [ContentType.Page]) : content.Items.GetValueOrDefault(space.HomepageId ?? 0);
            if (parentId is not null && (parent is null || parent.SpaceId != space.Id))
            {
                return (null, "Parent page not found in the space");
            }
        }
        return (store.AddContent(caller.Site, type, space.Id, title, storage, caller.User.AccountId, now, parent?.Id), null);
    }

    /// <summary>
    /// Applies an update; the version must be exactly current+1 (409 otherwise). A different <paramref name="parentId"/>
    /// moves the page (with its subtree) under that parent, which must be a page of the same space outside the subtree.
    /// </summary>
    public static IResult? Update(Content item, Caller caller, string? title, string? representation, string? value, int? versionNumber, string? message,
        DateTimeOffset now, ApiVersion api, long? parentId = null)
    {
        if (versionNumber is null || string.IsNullOrWhiteSpace(title))
        {
            return ApiErrors.BadRequest(api, "title and version.number are required");
        }
        if (!caller.CanEdit(item))
        {
            return api == ApiVersion.V2 ? ApiErrors.V2(403, "FORBIDDEN", "You are not permitted to edit this content") : ApiErrors.V1(403, "You are not permitted to edit this content");
        }
        Content? newParent = null;
        if (parentId is { } p && p != item.ParentId)
        {
            newParent = caller.FindVisible(p, [ContentType.Page]);
            if (newParent is null || newParent.SpaceId != item.SpaceId || IsInSubtree(caller.Site, newParent, item))
            {
                return ApiErrors.BadRequest(api, "The parent must be a page in the same space and not the page itself or one of its descendants");
            }
        }
        if (versionNumber != item.Current.Number + 1)
        {
            return ApiErrors.Conflict(api, $"Version must be incremented on update. Current version is: {item.Current.Number}");
        }
        var storage = value is null ? item.Body : BodyFormats.ToStorage(representation ?? "storage", value);
        if (storage is null)
        {
            return ApiErrors.BadRequest(api, "Unsupported body representation");
        }
        item.Title = title;
        item.Versions.Add(new ContentVersion(versionNumber.Value, now, caller.User.AccountId, message ?? "", false, title, storage));
        if (newParent is not null)
        {
            Move(caller.Site, item, newParent);
        }
        return null;
    }

    private static bool IsInSubtree(Site site, Content candidate, Content root)
    {
        for (Content? current = candidate; current is not null; current = site.Content.Items.GetValueOrDefault(current.ParentId ?? 0))
        {
            if (current.Id == root.Id)
            {
                return true;
            }
        }
        return false;
    }

    private static void Move(Site site, Content item, Content newParent)
    {
        if (item.ParentId is { } old && site.Content.Items.TryGetValue(old, out var oldParent))
        {
            oldParent.ChildIds.Remove(item.Id);
        }
        item.ParentId = newParent.Id;
        item.Position = newParent.ChildIds.Count;
        newParent.ChildIds.Add(item.Id);
    }

    /// <summary>DELETE: current → trashed; with purge on a trashed item → gone for good.</summary>
    public static IResult Delete(Caller caller, Content item, bool purge)
    {
        if (purge)
        {
            if (item.Status != "trashed")
            {
                return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", "Only trashed content can be purged");
            }
            Purge(caller.Site, item);
            return Results.NoContent();
        }
        if (item.Status != "current")
        {
            return ApiErrors.NotFound(ApiVersion.V2);
        }
        item.Status = "trashed";
        return Results.NoContent();
    }

    private static void Purge(Site site, Content item)
    {
        site.Content.Items.Remove(item.Id);
        if (item.ParentId is { } p && site.Content.Items.TryGetValue(p, out var parent))
        {
            parent.ChildIds.Remove(item.Id);
        }
        foreach (var child in item.ChildIds.Select(site.Content.Items.GetValueOrDefault).OfType<Content>().Where(c => c.ParentId == item.Id))
        {
            child.ParentId = item.ParentId;
        }
    }
}
