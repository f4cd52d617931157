using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record ReplyToCommentArguments(
    [Description("Numeric id of the comment to answer (from list_comments).")][NumericId] string CommentId,
    [Description("Reply text in 'format'.")] string Body,
    [Description("Kind of the comment answered: \"footer\" (default) or \"inline\".")] CommentKind Kind = CommentKind.Footer,
    [Description("Format of 'body': \"markdown\" (default) or \"storage\".")] ContentFormat Format = ContentFormat.Markdown);

/// <summary>Answers an existing footer or inline comment.</summary>
internal sealed class ReplyToCommentTool() : ConfluenceTool<ReplyToCommentArguments>(
    "reply_to_comment",
    "Reply to a comment",
    "Posts a reply in the thread of an existing footer or inline comment, as the user. 'kind' must match the comment's kind " +
    "(list_comments shows it). To start a new thread use create_footer_comment or create_inline_comment. Returns the reply's id.",
    ToolAccess.Write, idempotent: false, ["write:comment:confluence"], ToolSchemas.For<CommentResult>())
{
    private protected override Task<ToolOutcome> ExecuteAsync(ReplyToCommentArguments arguments, ConfluenceSession confluence) =>
        CommentWriter.PostAsync(confluence, arguments.Kind,
            new { parentCommentId = arguments.CommentId, body = BodyText.Write(arguments.Body, arguments.Format) },
            $"{(arguments.Kind == CommentKind.Footer ? "footer" : "inline")} comment with id {arguments.CommentId}");
}
