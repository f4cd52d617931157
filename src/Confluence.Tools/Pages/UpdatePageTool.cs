using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record UpdatePageArguments(
    [Description("Numeric id of the page to change.")][NumericId] string PageId,
    [Description("New title; leave out to keep the current one.")][SingleLine] string? Title = null,
    [Description("The page's full new body in 'format'; leave out to keep the current body. In Markdown, give the whole page as get_page showed it with your changes: only the blocks you change are rewritten.")] string? Body = null,
    [Description("Format of 'body': \"markdown\" (default) or \"storage\" (Confluence storage XHTML, sent verbatim).")] ContentFormat Format = ContentFormat.Markdown,
    [Description("The version you read and based your change on (from get_page). If the page has moved on since, nothing is written and you get a conflict.")][Range(1, int.MaxValue)] int? Version = null,
    [Description("Version comment shown in the page history.")] string? VersionMessage = null,
    [Description("Only after a refusal that named what a Markdown change would lose (a macro, an image's size, a comment anchor…): true confirms losing it.")] bool ConfirmLosses = false);

/// <summary>Changes a page's title and/or body as a new version; Markdown bodies change only the blocks the model changed.</summary>
internal sealed class UpdatePageTool() : ConfluenceTool<UpdatePageArguments>(
    "update_page",
    "Update a page",
    "Changes a page's title and/or body as a new version (the version number is handled for you). With a Markdown body, send the whole " +
    "page as get_page showed it, with your edits: blocks you leave as they were keep their exact storage (macros, layouts, image sizes " +
    "included) and only the blocks you changed or added are converted. A change that would lose something Markdown cannot express " +
    "(editing a block that holds a macro, a sized image or a comment anchor) is refused with the block named and nothing is saved. " +
    "To change one part of a long page use update_page_section; to rewrite macros or layouts use format=\"storage\" (read with get_page " +
    "format=\"storage\"). Pass 'version' so a concurrent edit is reported as a conflict instead of being overwritten. " +
    "Returns the new version, what was kept and rewritten, and the web URL.",
    ToolAccess.Write, idempotent: false, ["read:page:confluence", "write:page:confluence"], ToolSchemas.For<WriteResult>())
{
    private protected override string? Check(UpdatePageArguments arguments) =>
        arguments.Title is null && arguments.Body is null ? "give 'title' or 'body' (or both) to change" : null;

    private protected override Task<ToolOutcome> ExecuteAsync(UpdatePageArguments arguments, ConfluenceSession confluence) =>
        ContentWriter.UpdateAsync(confluence, ContentKind.Page, arguments.PageId, new ContentWriter.Change(arguments.Title,
            arguments.Body is null ? null : BodyEdit.Whole(arguments.Body, arguments.Format, arguments.ConfirmLosses), arguments.Version, arguments.VersionMessage));
}
