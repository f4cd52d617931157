using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>One comment as structured content: ids to reply to or resolve it, author, state, what it is anchored on, its Markdown body.</summary>
internal sealed record CommentItem(string Id, CommentKind Kind, string? ParentCommentId, string? AuthorId, string? CreatedAt, int? Version,
    string? ResolutionStatus, string? Selection, string Body, string? WebUrl)
{
    public static CommentItem From(JsonElement comment, CommentKind kind, string? siteBase) => new(
        comment.Str("id") ?? "", kind, comment.Str("parentCommentId"), comment.Str("version", "authorId"), comment.Str("version", "createdAt"),
        comment.Int("version", "number"), comment.Str("resolutionStatus"),
        comment.Str("properties", "inlineOriginalSelection") is { Length: > 0 } selection ? selection : null,
        BodyText.Read(comment.Str("body", "storage", "value") ?? "", ContentFormat.Markdown, 0).Text.Trim(),
        ConfluencePaths.WebUrl(comment.Str("_links", "base") ?? siteBase, comment.Str("_links", "webui")));
}
