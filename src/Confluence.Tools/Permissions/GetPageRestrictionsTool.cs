using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record GetPageRestrictionsArguments(
    [Description("Numeric id of the page (or blog post).")][NumericId] string PageId);

/// <summary>Who may view and who may edit a page, as far as the page itself restricts it.</summary>
internal sealed class GetPageRestrictionsTool() : ConfluenceTool<GetPageRestrictionsArguments>(
    "get_page_restrictions",
    "Get a page's restrictions",
    "Shows a page's own view and edit restrictions: the users (account ids) and groups allowed, or that the operation is not " +
    "restricted. Change them with set_page_restrictions; to ask whether one person may read or edit the page, use check_content_permission; " +
    "for who may use a whole space, get_space_permissions.",
    ToolAccess.Read, idempotent: true, ["read:content-details:confluence"], ToolSchemas.For<PageRestrictionsResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetPageRestrictionsArguments arguments, ConfluenceSession confluence)
    {
        var result = await ReadAsync(confluence, arguments.PageId);
        return ToolOutcome.Success(result.Text(), Structured.Json(result), 200);
    }

    public static async Task<PageRestrictionsResult> ReadAsync(ConfluenceSession confluence, string pageId) =>
        PageRestrictionsResult.From(pageId, await confluence.GetAsync(
            ConfluencePaths.With($"{ConfluencePaths.V1}content/{pageId}/restriction", ("expand", "restrictions.user,restrictions.group")), $"page with id {pageId}"));
}
