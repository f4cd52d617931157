using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record ListCommentsArguments(
    [Description("Numeric id of the page whose comments to list.")][NumericId] string PageId,
    [Description("\"footer\" (default): comments at the bottom of the page; \"inline\": comments anchored to highlighted text.")] CommentKind Kind = CommentKind.Footer,
    [Description("Comments per call, 1 to 250 (default 25).")][Range(1, 250)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next comments.")] string? Cursor = null);

/// <summary>Lists a page's footer or inline comments with their bodies.</summary>
internal sealed class ListCommentsTool() : ConfluenceTool<ListCommentsArguments>(
    "list_comments",
    "List comments on a page",
    "Lists the footer or inline comments of a page, each with its id, author account id, date, the comment it replies to, " +
    "the highlighted text (inline) and its body as Markdown, each followed by its replies (up to 25). Reply to one with reply_to_comment using its id. Returns a cursor when more exist.",
    ToolAccess.Read, idempotent: true, ["read:comment:confluence"])
{
    private const int MaxRepliesShown = 25;

    private protected override async Task<ToolOutcome> ExecuteAsync(ListCommentsArguments arguments, ConfluenceSession confluence)
    {
        var collection = arguments.Kind == CommentKind.Footer ? "footer-comments" : "inline-comments";
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}/{collection}",
            ("body-format", "storage"), ("limit", arguments.Limit), ("cursor", arguments.Cursor)), $"page with id {arguments.PageId}");
        var comments = new List<string>();
        foreach (var comment in answer.Results())
        {
            comments.Add(CommentText.Render(comment, arguments.Kind));
            // Page lists hold top-level comments only; replies hang under each one.
            var replies = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}{collection}/{comment.Str("id")}/children",
                ("body-format", "storage"), ("limit", MaxRepliesShown)), $"comment with id {comment.Str("id")}");
            comments.AddRange(replies.Results().Select(reply => CommentText.Render(reply, arguments.Kind)));
            if (ConfluencePaths.NextCursor(replies) is not null)
            {
                comments.Add($"[more than {MaxRepliesShown} replies to comment {comment.Str("id")}; only the first are shown]");
            }
        }
        var heading = $"{(arguments.Kind == CommentKind.Footer ? "Footer" : "Inline")} comments on page {arguments.PageId}";
        return ToolOutcome.Success(ListText.Render(heading, comments, ConfluencePaths.NextCursor(answer), "No comments."), upstreamStatus: 200);
    }
}
