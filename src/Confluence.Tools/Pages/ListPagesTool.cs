using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record ListPagesArguments(
    [Description("Key of the space, e.g. \"ENG\".")] string SpaceKey,
    [Description("Only pages with exactly this title.")] string? Title = null,
    [Description("Order of the results; default is Confluence's own order.")] PageSort? Sort = null,
    [Description("Pages per call, 1 to 250 (default 25).")][Range(1, 250)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next pages.")] string? Cursor = null);

/// <summary>Orders Confluence's v2 page lists accept.</summary>
internal enum PageSort
{
    Title,
    TitleDescending,
    CreatedDate,
    CreatedDateDescending,
    ModifiedDate,
    ModifiedDateDescending,
}

/// <summary>Lists the pages of one space, a page of results at a time.</summary>
internal sealed class ListPagesTool() : ConfluenceTool<ListPagesArguments>(
    "list_pages",
    "List pages in a space",
    "Lists the pages of a Confluence space (id, title, version, web URL), 25 per call by default. " +
    "Returns a cursor when more pages exist; pass it back as 'cursor' to continue. Bodies are not included: use get_page. " +
    "To find pages by words in their content, use search instead.",
    ToolAccess.Read, idempotent: true, ["read:page:confluence", "read:space:confluence"], ToolSchemas.For<ContentListResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(ListPagesArguments arguments, ConfluenceSession confluence)
    {
        var space = await SpaceLookup.FindAsync(confluence, arguments.SpaceKey);
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}spaces/{space.Str("id")}/pages",
            ("title", arguments.Title), ("sort", SortName(arguments.Sort)), ("limit", arguments.Limit), ("cursor", arguments.Cursor)),
            $"pages of space {arguments.SpaceKey}");
        return ContentListResult.Outcome($"Pages in space {arguments.SpaceKey}", answer, "page", space.Str("_links", "base"));
    }

    private static string? SortName(PageSort? sort) => sort switch
    {
        PageSort.Title => "title",
        PageSort.TitleDescending => "-title",
        PageSort.CreatedDate => "created-date",
        PageSort.CreatedDateDescending => "-created-date",
        PageSort.ModifiedDate => "modified-date",
        PageSort.ModifiedDateDescending => "-modified-date",
        _ => null,
    };
}
