using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record ResolveInlineCommentArguments(
    [Description("Numeric id of the inline comment (the top-level one of its thread, from list_comments with kind \"inline\").")][NumericId] string CommentId,
    [Description("true (default) resolves the thread; false reopens a resolved one.")] bool Resolved = true);

/// <summary>Resolves or reopens an inline comment thread.</summary>
internal sealed class ResolveInlineCommentTool() : ConfluenceTool<ResolveInlineCommentArguments>(
    "resolve_inline_comment",
    "Resolve an inline comment",
    "Marks an inline comment thread as resolved (or reopens it with resolved=false), as the user; its text and replies stay. " +
    "Resolving an already resolved thread changes nothing. Footer comments cannot be resolved. Returns the new resolution state.",
    ToolAccess.Write, idempotent: true, ["read:comment:confluence", "write:comment:confluence"], ToolSchemas.For<CommentResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(ResolveInlineCommentArguments arguments, ConfluenceSession confluence)
    {
        var subject = $"inline comment with id {arguments.CommentId}";
        var path = $"{ConfluencePaths.V2}inline-comments/{arguments.CommentId}";
        var comment = await confluence.GetAsync(ConfluencePaths.With(path, ("body-format", "storage")), subject);
        var isResolved = comment.Str("resolutionStatus") == "resolved";
        if (isResolved == arguments.Resolved)
        {
            var same = CommentResult.From(comment, CommentKind.Inline);
            return ToolOutcome.Success($"Inline comment {same.Id} is already {same.ResolutionStatus}; nothing changed.", Structured.Json(same), 200);
        }
        var updated = await confluence.SendAsync("PUT", path, new
        {
            version = new { number = (comment.Int("version", "number") ?? 1) + 1 },
            body = new { representation = "storage", value = comment.Str("body", "storage", "value") ?? "" },
            resolved = arguments.Resolved,
        }, subject);
        var result = CommentResult.From(updated, CommentKind.Inline);
        return ToolOutcome.Success($"Inline comment {result.Id} is now {result.ResolutionStatus}.", Structured.Json(result), 200);
    }
}
