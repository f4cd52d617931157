using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Platform.Confluence.Content;

namespace Platform.Confluence.Tools;

internal sealed record CreateInlineCommentArguments(
    [Description("Numeric id of the page to comment on.")][NumericId] string PageId,
    [Description("The exact text on the page to highlight and comment on, as the page shows it (plain text, no Markdown marks); a short unique phrase works best.")] string TextSelection,
    [Description("Comment text in 'format'.")] string Body,
    [Description("Which occurrence of the text to highlight when it appears more than once (1 = first, the default).")][Range(1, 1000)] int Occurrence = 1,
    [Description("Format of 'body': \"markdown\" (default) or \"storage\".")] ContentFormat Format = ContentFormat.Markdown);

/// <summary>Starts an inline comment thread on a piece of text in a page.</summary>
internal sealed class CreateInlineCommentTool() : ConfluenceTool<CreateInlineCommentArguments>(
    "create_inline_comment",
    "Comment on text in a page",
    "Highlights a piece of text on a page and attaches a new inline comment to it, as the user (like selecting text and commenting in " +
    "Confluence). Quote the text exactly as the page shows it; if it occurs several times, 'occurrence' picks one. For a general comment " +
    "use create_footer_comment; to answer an existing comment use reply_to_comment. Returns the comment id.",
    ToolAccess.Write, idempotent: false, ["read:page:confluence", "write:comment:confluence"], ToolSchemas.For<CommentResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(CreateInlineCommentArguments arguments, ConfluenceSession confluence)
    {
        var subject = $"page with id {arguments.PageId}";
        var page = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}", ("body-format", "storage")), subject);
        int count;
        try
        {
            count = StoragePlainText.Occurrences(StoragePlainText.Of(page.Str("body", "storage", "value") ?? ""), arguments.TextSelection);
        }
        catch (FormatException)
        {
            return ToolOutcome.ToolError($"The body of page {arguments.PageId} cannot be read as text, so the selection cannot be placed; use create_footer_comment.", null);
        }
        if (count == 0)
        {
            return ToolOutcome.ToolError($"The text \"{arguments.TextSelection}\" does not occur on page {arguments.PageId}. Quote a phrase exactly as get_page shows it, " +
                "without Markdown marks such as ** or links, and within one paragraph.", null);
        }
        if (arguments.Occurrence > count)
        {
            return ToolOutcome.ToolError($"The text \"{arguments.TextSelection}\" occurs {count} time(s) on page {arguments.PageId}; 'occurrence' {arguments.Occurrence} does not exist.", null);
        }
        return await CommentWriter.PostAsync(confluence, CommentKind.Inline, new
        {
            pageId = arguments.PageId,
            body = BodyText.Write(arguments.Body, arguments.Format),
            inlineCommentProperties = new { textSelection = arguments.TextSelection, textSelectionMatchCount = count, textSelectionMatchIndex = arguments.Occurrence - 1 },
        }, subject);
    }
}
