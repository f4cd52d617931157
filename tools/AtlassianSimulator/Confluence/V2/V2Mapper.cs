using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using static AtlassianSimulator.Confluence.Formats;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>Builds v2 response objects from stored content. Callers hold the store lock.</summary>
public static class V2Mapper
{
    public static VersionJson Version(ContentVersion v) => new(Date(v.CreatedAt), v.Message, v.Number, v.MinorEdit, v.AuthorId);

    public static BodyJson? Body(Content item, string? format) => Body(item.Body, format);

    public static BodyJson? Body(string storage, string? format) => format switch
    {
        "storage" => new BodyJson(new BodyValue("storage", storage), null, null),
        "atlas_doc_format" => new BodyJson(null, new BodyValue("atlas_doc_format", BodyFormats.ToAdf(storage)), null),
        "view" => new BodyJson(null, null, new BodyValue("view", BodyFormats.ToView(storage))),
        _ => null,
    };

    private static string SpaceKey(Caller caller, Content item) =>
        caller.Site.Content.Spaces.TryGetValue(item.SpaceId, out var s) ? s.Key : "";

    public static PageJson Page(Caller caller, Content item, string? bodyFormat, bool withBase, ContentVersion? version = null)
    {
        var parent = item.ParentId is { } p && caller.Site.Content.Items.TryGetValue(p, out var pi) ? pi : null;
        version ??= item.Current;
        var webui = $"/spaces/{SpaceKey(caller, item)}/pages/{item.Id}";
        return new PageJson(Id(item.Id), item.Status, version.Title, Id(item.SpaceId), parent is null ? null : Id(parent.Id),
            parent is null ? null : TypeName(parent.Type), item.Position, item.AuthorId, item.OwnerId, Date(item.CreatedAt),
            Version(version), Body(version.Body, bodyFormat),
            new ContentLinks(webui, $"/pages/resumedraft.action?draftId={item.Id}", $"/x/{item.Id:x}", withBase ? caller.BaseUrl : null));
    }

    public static BlogPostJson BlogPost(Caller caller, Content item, string? bodyFormat, bool withBase, ContentVersion? version = null) =>
        new(Id(item.Id), item.Status, (version ?? item.Current).Title, Id(item.SpaceId), item.AuthorId, Date(item.CreatedAt),
            Version(version ?? item.Current), Body((version ?? item.Current).Body, bodyFormat),
            new ContentLinks($"/spaces/{SpaceKey(caller, item)}/blog/{item.Id}", $"/pages/resumedraft.action?draftId={item.Id}", $"/x/{item.Id:x}", withBase ? caller.BaseUrl : null));

    public static WhiteboardJson Whiteboard(Caller caller, Content item, bool withBase) =>
        new(Id(item.Id), "whiteboard", item.Status, item.Title, Id(item.SpaceId), item.ParentId is { } p ? Id(p) : null, item.ParentId is null ? null : "page",
            item.Position, item.AuthorId, item.OwnerId, Date(item.CreatedAt), Version(item.Current),
            new ContentLinks($"/spaces/{SpaceKey(caller, item)}/whiteboard/{item.Id}", null, null, withBase ? caller.BaseUrl : null));

    public static CommentJson Comment(Caller caller, Content item, string? bodyFormat, bool withBase = false)
    {
        var container = caller.Site.Content.Items.GetValueOrDefault(item.ContainerId ?? 0);
        var inline = item.Type == ContentType.InlineComment;
        return new CommentJson(Id(item.Id), item.Status, item.Title,
            container?.Type == ContentType.Page ? Id(container.Id) : null,
            container?.Type == ContentType.BlogPost ? Id(container.Id) : null,
            item.ParentId is { } p ? Id(p) : null, Version(item.Current), Body(item, bodyFormat),
            inline ? item.ResolutionStatus ?? "open" : null,
            inline ? new InlineProperties($"marker-{item.Id}", item.InlineSelection ?? "") : null,
            new CommentLinks($"/spaces/{SpaceKey(caller, item)}/pages/{item.ContainerId}?focusedCommentId={item.Id}", withBase ? caller.BaseUrl : null))
        {
            ResolutionLastModifierId = inline ? item.ResolutionModifierId : null,
            ResolutionLastModifiedAt = inline && item.ResolutionModifiedAt is { } at ? Date(at) : null,
        };
    }

    public static AttachmentJson Attachment(Caller caller, Content item, bool withBase = false)
    {
        var container = caller.Site.Content.Items.GetValueOrDefault(item.ContainerId ?? 0);
        var download = $"/rest/api/content/{item.ContainerId}/child/attachment/{item.Id}/download";
        return new AttachmentJson(Id(item.Id), item.Status, item.Title, Date(item.CreatedAt),
            container?.Type == ContentType.Page ? Id(container.Id) : null,
            container?.Type == ContentType.BlogPost ? Id(container.Id) : null,
            item.MediaType ?? "application/octet-stream", item.Current.Message, $"file-{item.Id}", item.Data?.LongLength ?? 0,
            $"/pages/viewpageattachments.action?pageId={item.ContainerId}", download, Version(item.Current),
            new AttachmentLinks($"/pages/viewpageattachments.action?pageId={item.ContainerId}", download, withBase ? caller.BaseUrl : null));
    }

    public static SpaceJson Space(Caller caller, Space space, bool withBase) =>
        new(Id(space.Id), space.Key, space.Name, space.Type, space.Status, space.AuthorId, Date(space.CreatedAt),
            space.HomepageId is { } h ? Id(h) : null, new SpaceDescriptionJson(new BodyValue("plain", space.Description)),
            new SpaceLinks($"/spaces/{space.Key}", withBase ? caller.BaseUrl : null));

    public static LabelJson Label(Label label) => new(Id(label.Id), label.Name, label.Prefix);

    public static PropertyJson Property(ContentProperty property) => new(Id(property.Id), property.Key, property.Value?.DeepClone(), Version(property.Version));

    public static string TypeName(ContentType type) => type switch
    {
        ContentType.Page => "page",
        ContentType.BlogPost => "blogpost",
        ContentType.Whiteboard => "whiteboard",
        ContentType.FooterComment or ContentType.InlineComment => "comment",
        ContentType.Attachment => "attachment",
        _ => "page",
    };
}
