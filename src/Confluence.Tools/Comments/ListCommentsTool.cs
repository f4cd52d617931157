using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Platform.Confluence.Tools;

internal sealed record ListCommentsArguments(
    [Description("Numeric id of the page whose comments to list. Give pageId or blogPostId.")][NumericId] string? PageId = null,
    [Description("Numeric id of the blog post whose comments to list.")][NumericId] string? BlogPostId = null,
    [Description("\"footer\" (default): comments at the bottom; \"inline\": comments anchored to highlighted text.")] CommentKind Kind = CommentKind.Footer,
    [Description("Threads (top-level comments) per call, 1 to 100 (default 25).")][Range(1, 100)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next threads.")] string? Cursor = null);

/// <summary>Lists a page's or blog post's comments as threads: each top-level comment with its replies.</summary>
internal sealed class ListCommentsTool() : ConfluenceTool<ListCommentsArguments>(
    "list_comments",
    "List comments on a page",
    "Lists the footer or inline comments of a page or blog post as threads: each top-level comment with its replies (nested replies " +
    "included, up to 25 per comment, 3 levels deep), each with its comment id, author account id, date, resolution state and highlighted " +
    "text (inline) and its body as Markdown. Answer a comment with reply_to_comment, resolve an inline one with resolve_inline_comment, " +
    "start a new inline comment with create_inline_comment. Returns a cursor when more threads exist.",
    ToolAccess.Read, idempotent: true, ["read:comment:confluence"], ToolSchemas.For<CommentListResult>())
{
    private const int MaxRepliesPerComment = 25;
    private const int MaxReplyDepth = 3;

    private protected override string? Check(ListCommentsArguments arguments) => (arguments.PageId, arguments.BlogPostId) switch
    {
        (null, null) => "'pageId' is required (or 'blogPostId')",
        (not null, not null) => "give either 'pageId' or 'blogPostId', not both",
        _ => null,
    };

    private protected override async Task<ToolOutcome> ExecuteAsync(ListCommentsArguments arguments, ConfluenceSession confluence)
    {
        var collection = arguments.Kind == CommentKind.Footer ? "footer-comments" : "inline-comments";
        var (container, id, noun) = arguments.PageId is { } page ? ("pages", page, "page") : ("blogposts", arguments.BlogPostId!, "blog post");
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}{container}/{id}/{collection}",
            ("body-format", "storage"), ("limit", arguments.Limit), ("cursor", arguments.Cursor)), $"{noun} with id {id}");
        var siteBase = answer.Str("_links", "base");
        var threads = new List<CommentThread>();
        foreach (var comment in answer.Results())
        {
            var replies = new List<CommentItem>();
            var more = await CollectRepliesAsync(confluence, collection, arguments.Kind, comment.Str("id")!, siteBase, replies, depth: 1);
            threads.Add(new CommentThread(CommentItem.From(comment, arguments.Kind, siteBase), replies, more));
        }
        var next = ConfluencePaths.NextCursor(answer);
        var lines = new List<string>();
        foreach (var thread in threads)
        {
            var text = new StringBuilder(CommentText.Render(thread.Comment, 0));
            foreach (var reply in thread.Replies)
            {
                text.AppendLine().Append(CommentText.Render(reply, 1));
            }
            if (thread.MoreReplies)
            {
                text.AppendLine().AppendLine($"[more replies to comment {thread.Comment.Id} than shown]");
            }
            lines.Add(text.ToString());
        }
        var heading = $"{(arguments.Kind == CommentKind.Footer ? "Footer" : "Inline")} comments on {noun} {id}: {threads.Count} thread(s)";
        return ToolOutcome.Success(ListText.Render(heading, lines, next, "No comments."),
            Structured.Json(new CommentListResult(id, arguments.Kind, threads, next)), 200);
    }

    /// <summary>Replies depth first, so each follows the comment it answers; true when some were left out.</summary>
    private static async Task<bool> CollectRepliesAsync(ConfluenceSession confluence, string collection, CommentKind kind, string commentId,
        string? siteBase, List<CommentItem> replies, int depth)
    {
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}{collection}/{commentId}/children",
            ("body-format", "storage"), ("limit", MaxRepliesPerComment)), $"comment with id {commentId}");
        var more = ConfluencePaths.NextCursor(answer) is not null;
        foreach (var reply in answer.Results())
        {
            replies.Add(CommentItem.From(reply, kind, answer.Str("_links", "base") ?? siteBase));
            if (depth < MaxReplyDepth)
            {
                more |= await CollectRepliesAsync(confluence, collection, kind, reply.Str("id")!, siteBase, replies, depth + 1);
            }
        }
        return more;
    }
}
