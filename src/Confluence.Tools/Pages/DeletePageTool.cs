using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record DeletePageArguments(
    [Description("Numeric id of the page to delete.")][NumericId] string PageId);

/// <summary>Moves a page to the trash.</summary>
internal sealed class DeletePageTool() : ConfluenceTool<DeletePageArguments>(
    "delete_page",
    "Delete a page",
    "Moves a page to its space's trash (it is not purged; a space admin can restore it). Child pages move up to the page's parent. " +
    "Confirm with the user before deleting. Fails with a not-found error if the page is already gone.",
    ToolAccess.Destructive, idempotent: true, ["delete:page:confluence"], ToolSchemas.For<DeleteResult>())
{
    private protected override Task<ToolOutcome> ExecuteAsync(DeletePageArguments arguments, ConfluenceSession confluence) =>
        ContentDeleter.TrashAsync(confluence, ContentKind.Page, arguments.PageId);
}
