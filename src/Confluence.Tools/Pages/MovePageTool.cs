using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record MovePageArguments(
    [Description("Numeric id of the page to move.")][NumericId] string PageId,
    [Description("Numeric id of the page that becomes its new parent (same space).")][NumericId] string NewParentId);

/// <summary>Moves a page under another parent in the same space.</summary>
internal sealed class MovePageTool() : ConfluenceTool<MovePageArguments>(
    "move_page",
    "Move a page",
    "Moves a page (with its children) under another parent page in the same space, as a new version of the page; " +
    "title and body stay as they are. Moving across spaces is not supported. To leave the page where it is and make a duplicate use copy_page. " +
    "Returns the page's new parent and version.",
    ToolAccess.Write, idempotent: true, ["read:page:confluence", "write:page:confluence"], ToolSchemas.For<WriteResult>())
{
    private protected override string? Check(MovePageArguments arguments) =>
        arguments.PageId == arguments.NewParentId ? "'newParentId' must differ from 'pageId': a page cannot be its own parent" : null;

    // v2 moves a page by an update that names the new parentId.
    private protected override Task<ToolOutcome> ExecuteAsync(MovePageArguments arguments, ConfluenceSession confluence) =>
        ContentWriter.UpdateAsync(confluence, ContentKind.Page, arguments.PageId,
            new ContentWriter.Change(null, null, null, $"Moved under page {arguments.NewParentId}", arguments.NewParentId));
}
