using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>Footer and inline comments: list (all, per page, per blog post), get, create (top level or reply), children.</summary>
public static class CommentsApi
{
    public static RouteGroupBuilder MapCommentsApi(this RouteGroupBuilder v2)
    {
        foreach (var (kind, path, prefix) in new[] { (ContentType.FooterComment, "footer-comments", "Footer"), (ContentType.InlineComment, "inline-comments", "Inline") })
        {
            v2.MapGet($"/{path}", (HttpContext c, SimulatorStore s) => List(c, s, kind, _ => true)).V2($"get{prefix}Comments");
            v2.MapGet($"/pages/{{id}}/{path}", (HttpContext c, SimulatorStore s, string id) => ListOn(c, s, kind, id, ContentType.Page)).V2($"getPage{prefix}Comments");
            v2.MapGet($"/blogposts/{{id}}/{path}", (HttpContext c, SimulatorStore s, string id) => ListOn(c, s, kind, id, ContentType.BlogPost)).V2($"getBlogPost{prefix}Comments");
            v2.MapGet($"/{path}/{{comment-id}}", (HttpContext c, SimulatorStore s, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "comment-id")] string commentId) => Get(c, s, kind, commentId)).V2($"get{prefix}CommentById");
            v2.MapGet($"/{path}/{{id}}/children", (HttpContext c, SimulatorStore s, string id) => Children(c, s, kind, id)).V2($"get{prefix}CommentChildren");
            v2.MapPost($"/{path}", (HttpContext c, SimulatorStore s, TimeProvider t, CommentWrite body) => Create(c, s, t, kind, body)).V2($"create{prefix}Comment");
        }
        v2.MapPut("/inline-comments/{comment-id}", (HttpContext c, SimulatorStore s, TimeProvider t, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "comment-id")] string commentId, InlineCommentUpdate body) =>
            UpdateInline(c, s, t, commentId, body)).V2("updateInlineComment");
        return v2;
    }

    private static IResult List(HttpContext context, SimulatorStore store, ContentType kind, Func<Content, bool> filter)
    {
        var caller = Caller.Of(context);
        var format = QueryParams.BodyFormat(context.Request);
        lock (store.Gate)
        {
            var items = caller.Site.Content.Items.Values.Where(i => i.Type == kind && i.Status == "current" && filter(i) && caller.CanView(i));
            return Paging.List(context, items, i => V2Mapper.Comment(caller, i, format));
        }
    }

    private static IResult ListOn(HttpContext context, SimulatorStore store, ContentType kind, string id, ContentType containerType)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            var container = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [containerType]) : null;
            return container is null ? ApiErrors.NotFound(ApiVersion.V2)
                : List(context, store, kind, i => i.ContainerId == container.Id && i.ParentId is null);
        }
    }

    private static IResult Children(HttpContext context, SimulatorStore store, ContentType kind, string id)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            var parent = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [kind]) : null;
            return parent is null ? ApiErrors.NotFound(ApiVersion.V2) : List(context, store, kind, i => i.ParentId == parent.Id);
        }
    }

    private static IResult Get(HttpContext context, SimulatorStore store, ContentType kind, string id)
    {
        var caller = Caller.Of(context);
        var format = QueryParams.BodyFormat(context.Request);
        lock (store.Gate)
        {
            var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [kind]) : null;
            return item is null ? ApiErrors.NotFound(ApiVersion.V2) : Results.Json(V2Mapper.Comment(caller, item, format, withBase: true));
        }
    }

    private static IResult Create(HttpContext context, SimulatorStore store, TimeProvider clock, ContentType kind, CommentWrite body)
    {
        var caller = Caller.Of(context);
        var written = body.Body?.Flatten();
        var storage = written is (_, { } value) ? BodyFormats.ToStorage(written.Value.Representation ?? "storage", value) : null;
        if (storage is null)
        {
            return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", "body is required");
        }
        lock (store.Gate)
        {
            Content? parentComment = null;
            Content? container;
            if (Formats.ParseId(body.ParentCommentId) is { } parentId)
            {
                parentComment = caller.FindVisible(parentId, [kind]);
                container = parentComment is null ? null : caller.Site.Content.Items.GetValueOrDefault(parentComment.ContainerId ?? 0);
            }
            else
            {
                container = Formats.ParseId(body.PageId) is { } pageId ? caller.FindVisible(pageId, [ContentType.Page])
                    : Formats.ParseId(body.BlogPostId) is { } blogId ? caller.FindVisible(blogId, [ContentType.BlogPost]) : null;
            }
            if (container is null)
            {
                return ApiErrors.NotFound(ApiVersion.V2);
            }
            if (kind == ContentType.InlineComment && parentComment is null && SelectionProblem(container, body.InlineCommentProperties) is { } problem)
            {
                return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", problem);
            }
            var comment = store.AddContent(caller.Site, kind, container.SpaceId, "Re: " + container.Title, storage, caller.User.AccountId, clock.GetUtcNow(),
                parentComment?.Id, container.Id);
            comment.InlineSelection = body.InlineCommentProperties?.TextSelection ?? parentComment?.InlineSelection;
            comment.ResolutionStatus = kind == ContentType.InlineComment ? "open" : null;
            context.Response.Headers.Location = $"{caller.BaseUrl}/api/v2/{(kind == ContentType.FooterComment ? "footer" : "inline")}-comments/{comment.Id}";
            return Results.Json(V2Mapper.Comment(caller, comment, "storage", withBase: true), statusCode: 201);
        }
    }

    /// <summary>The selection must occur in the page's text; the match count, when given, must be the real one.</summary>
    private static string? SelectionProblem(Content container, InlineCommentWrite? properties)
    {
        var selection = properties?.TextSelection;
        if (string.IsNullOrEmpty(selection))
        {
            return "inlineCommentProperties.textSelection is required";
        }
        var text = container.Current.PlainText;
        var count = 0;
        for (var i = text.IndexOf(selection, StringComparison.Ordinal); i >= 0; i = text.IndexOf(selection, i + 1, StringComparison.Ordinal))
        {
            count++;
        }
        if (count == 0)
        {
            return "The text selection was not found in the content";
        }
        if (properties!.TextSelectionMatchCount is { } given && given != count)
        {
            return $"textSelectionMatchCount is {given} but the selection occurs {count} times";
        }
        return properties.TextSelectionMatchIndex is { } index && (index < 0 || index >= count)
            ? "textSelectionMatchIndex must be below textSelectionMatchCount"
            : null;
    }

    /// <summary>PUT: the next version number; a new body and/or the resolved state (true resolves, false reopens).</summary>
    private static IResult UpdateInline(HttpContext context, SimulatorStore store, TimeProvider clock, string id, InlineCommentUpdate body)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            var comment = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [ContentType.InlineComment]) : null;
            if (comment is null)
            {
                return ApiErrors.NotFound(ApiVersion.V2);
            }
            if (body.Version?.Number is not { } number)
            {
                return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", "version.number is required");
            }
            if (number != comment.Current.Number + 1)
            {
                return ApiErrors.Conflict(ApiVersion.V2, $"Version must be incremented on update. Current version is: {comment.Current.Number}");
            }
            var written = body.Body?.Flatten();
            var storage = written is (_, { } value) ? BodyFormats.ToStorage(written.Value.Representation ?? "storage", value) : comment.Body;
            if (storage is null)
            {
                return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", "Unsupported body representation");
            }
            var now = clock.GetUtcNow();
            comment.Versions.Add(new ContentVersion(number, now, caller.User.AccountId, body.Version.Message ?? "", false, comment.Title, storage));
            if (body.Resolved is { } resolved && resolved != (comment.ResolutionStatus == "resolved"))
            {
                comment.ResolutionStatus = resolved ? "resolved" : "reopened";
                comment.ResolutionModifierId = caller.User.AccountId;
                comment.ResolutionModifiedAt = now;
            }
            return Results.Json(V2Mapper.Comment(caller, comment, "storage", withBase: true));
        }
    }
}
