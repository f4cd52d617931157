namespace Platform.Confluence.Tools;

/// <summary>Structured result of a new comment.</summary>
internal sealed record CommentResult(string Id, string? PageId, string? BlogPostId, string? ParentCommentId, string? WebUrl);
