using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record UpdatePageSectionArguments(
    [Description("Numeric id of the page.")][NumericId] string PageId,
    [Description("Text of the heading whose section to replace, as get_page shows it (\"Rollback\" or \"## Rollback\"; case does not matter).")] string Heading,
    [Description("The section's new content in 'format', without the heading itself (it stays). Replaces everything up to the next heading of the same or a higher level.")] string Body,
    [Description("Format of 'body': \"markdown\" (default; blocks you leave as they were keep their exact storage) or \"storage\" (replaces the section's storage verbatim).")] ContentFormat Format = ContentFormat.Markdown,
    [Description("Which of several headings with this text (1 = first); needed only when the text repeats.")][Range(1, 1000)] int? Occurrence = null,
    [Description("The version you read; if the page has moved on since, nothing is written and you get a conflict.")][Range(1, int.MaxValue)] int? Version = null,
    [Description("Version comment shown in the page history.")] string? VersionMessage = null,
    [Description("Only after a refusal that named what a Markdown change would lose: true confirms losing it.")] bool ConfirmLosses = false);

/// <summary>Replaces the content under one heading of a page, leaving the rest of the page untouched.</summary>
internal sealed class UpdatePageSectionTool() : ConfluenceTool<UpdatePageSectionArguments>(
    "update_page_section",
    "Update one section of a page",
    "Replaces the content under one heading of a page (up to the next heading of the same or a higher level, within the heading's layout " +
    "column) and leaves everything else byte for byte as it is. Use it instead of update_page for long pages, or when the page has " +
    "macros or layouts elsewhere that you do not want to touch. 'body' is the section's new content without its heading. In Markdown, " +
    "blocks of the section you repeat unchanged keep their exact storage; with format=\"storage\" the section's storage is replaced verbatim. " +
    "Pass 'version' to be told about concurrent edits. Returns the new version and what was kept and rewritten.",
    ToolAccess.Write, idempotent: false, ["read:page:confluence", "write:page:confluence"], ToolSchemas.For<WriteResult>())
{
    private protected override Task<ToolOutcome> ExecuteAsync(UpdatePageSectionArguments arguments, ConfluenceSession confluence) =>
        ContentWriter.UpdateAsync(confluence, ContentKind.Page, arguments.PageId, new ContentWriter.Change(null,
            BodyEdit.Section(arguments.Heading, arguments.Occurrence, arguments.Body, arguments.Format, arguments.ConfirmLosses),
            arguments.Version, arguments.VersionMessage));
}
