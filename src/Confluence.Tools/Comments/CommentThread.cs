namespace Platform.Confluence.Tools;

/// <summary>A top-level comment and its replies in reading order (each reply names the comment it answers).</summary>
internal sealed record CommentThread(CommentItem Comment, IReadOnlyList<CommentItem> Replies, bool MoreReplies);

/// <summary>Structured result of list_comments.</summary>
internal sealed record CommentListResult(string ContainerId, CommentKind Kind, IReadOnlyList<CommentThread> Threads, string? NextCursor);
