using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>Structured result of a new or changed comment.</summary>
internal sealed record CommentResult(string Id, CommentKind Kind, string? PageId, string? BlogPostId, string? ParentCommentId, string? ResolutionStatus,
    int? Version, string? WebUrl)
{
    public static CommentResult From(JsonElement comment, CommentKind kind) => new(
        comment.Str("id") ?? "", kind, comment.Str("pageId"), comment.Str("blogPostId"), comment.Str("parentCommentId"), comment.Str("resolutionStatus"),
        comment.Int("version", "number"), ConfluencePaths.WebUrl(comment.Str("_links", "base"), comment.Str("_links", "webui")));
}
