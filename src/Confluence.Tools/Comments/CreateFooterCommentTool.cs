using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record CreateFooterCommentArguments(
    [Description("Comment text in 'format'.")] string Body,
    [Description("Numeric id of the page to comment on. Give pageId or blogPostId.")][NumericId] string? PageId = null,
    [Description("Numeric id of the blog post to comment on.")][NumericId] string? BlogPostId = null,
    [Description("Format of 'body': \"markdown\" (default) or \"storage\".")] ContentFormat Format = ContentFormat.Markdown);

/// <summary>Adds a comment at the bottom of a page or blog post.</summary>
internal sealed class CreateFooterCommentTool() : ConfluenceTool<CreateFooterCommentArguments>(
    "create_footer_comment",
    "Comment on a page",
    "Adds a new top-level comment at the bottom of a page or blog post, as the user; everyone who can see the page sees it. " +
    "To answer an existing comment use reply_to_comment; to comment on a specific piece of text use create_inline_comment. Returns the comment id.",
    ToolAccess.Write, idempotent: false, ["write:comment:confluence"], ToolSchemas.For<CommentResult>())
{
    private protected override string? Check(CreateFooterCommentArguments arguments) => (arguments.PageId, arguments.BlogPostId) switch
    {
        (null, null) => "'pageId' is required (or 'blogPostId')",
        (not null, not null) => "give either 'pageId' or 'blogPostId', not both",
        _ => null,
    };

    private protected override Task<ToolOutcome> ExecuteAsync(CreateFooterCommentArguments arguments, ConfluenceSession confluence) =>
        CommentWriter.PostAsync(confluence, CommentKind.Footer,
            new { pageId = arguments.PageId, blogPostId = arguments.BlogPostId, body = BodyText.Write(arguments.Body, arguments.Format) },
            arguments.PageId is { } page ? $"page with id {page}" : $"blog post with id {arguments.BlogPostId}");
}
