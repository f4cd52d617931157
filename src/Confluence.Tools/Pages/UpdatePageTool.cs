using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record UpdatePageArguments(
    [Description("Numeric id of the page to change.")][NumericId] string PageId,
    [Description("New title; leave out to keep the current one.")] string? Title = null,
    [Description("New full body (replaces the old one), in 'format'; leave out to keep the current body.")] string? Body = null,
    [Description("Format of 'body': \"markdown\" (default) or \"storage\" (Confluence storage XHTML, sent verbatim).")] ContentFormat Format = ContentFormat.Markdown,
    [Description("The version you read and based your change on (from get_page). If the page has moved on since, nothing is written and you get a conflict.")][Range(1, int.MaxValue)] int? Version = null,
    [Description("Version comment shown in the page history.")] string? VersionMessage = null);

/// <summary>Replaces a page's title and/or body as a new version.</summary>
internal sealed class UpdatePageTool() : ConfluenceTool<UpdatePageArguments>(
    "update_page",
    "Update a page",
    "Changes a page's title and/or replaces its whole body, as a new version (the version number is handled for you). " +
    "Pass 'version' (the version you read) so a concurrent edit by someone else is reported as a conflict instead of being overwritten. " +
    "Pitfall: Markdown cannot express every Confluence macro, layout or merged cell; to edit such a page, read it with get_page " +
    "format=\"storage\", edit the XHTML and write it back with format=\"storage\". Returns the new version and web URL.",
    ToolAccess.Write, idempotent: false, ["read:page:confluence", "write:page:confluence"], ToolSchemas.For<WriteResult>())
{
    private protected override string? Check(UpdatePageArguments arguments) =>
        arguments.Title is null && arguments.Body is null ? "give 'title' or 'body' (or both) to change" : null;

    private protected override Task<ToolOutcome> ExecuteAsync(UpdatePageArguments arguments, ConfluenceSession confluence) =>
        ContentWriter.UpdateAsync(confluence, ContentKind.Page, arguments.PageId, new ContentWriter.Change(arguments.Title,
            arguments.Body is null ? null : BodyText.ToStorage(arguments.Body, arguments.Format), arguments.Version, arguments.VersionMessage));
}
