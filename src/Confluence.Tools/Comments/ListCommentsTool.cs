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
    "the highlighted text (inline) and its body as Markdown. Reply to one with reply_to_comment using its id. Returns a cursor when more exist.",
    ToolAccess.Read, idempotent: true, ["read:comment:confluence"])
{
    private protected override async Task<ToolOutcome> ExecuteAsync(ListCommentsArguments arguments, ConfluenceSession confluence)
    {
        var collection = arguments.Kind == CommentKind.Footer ? "footer-comments" : "inline-comments";
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}/{collection}",
            ("body-format", "storage"), ("limit", arguments.Limit), ("cursor", arguments.Cursor)), $"page with id {arguments.PageId}");
        var comments = answer.Results().Select(c => CommentText.Render(c, arguments.Kind)).ToList();
        var heading = $"{(arguments.Kind == CommentKind.Footer ? "Footer" : "Inline")} comments on page {arguments.PageId}";
        return ToolOutcome.Success(ListText.Render(heading, comments, ConfluencePaths.NextCursor(answer), "No comments."), upstreamStatus: 200);
    }
}
