using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record GetPageArguments(
    [Description("Numeric id of the page, e.g. \"123456\". Give either pageId, or title together with spaceKey.")][NumericId] string? PageId = null,
    [Description("Exact page title (case-sensitive); needs spaceKey.")] string? Title = null,
    [Description("Key of the space the titled page is in, e.g. \"ENG\".")] string? SpaceKey = null,
    [Description("\"markdown\" (default) converts the body; \"storage\" returns Confluence storage XHTML exactly as stored, for lossless editing.")] ContentFormat Format = ContentFormat.Markdown,
    [Description("Character offset to continue a truncated body from (the 'continue with offset=N' in the previous result).")][Range(0, int.MaxValue)] int Offset = 0);

/// <summary>Reads one page with its body, by id or by title in a space.</summary>
internal sealed class GetPageTool() : ConfluenceTool<GetPageArguments>(
    "get_page",
    "Get a Confluence page",
    "Reads one Confluence page: its metadata (id, title, space id, version, parent id, web URL) and its body as Markdown " +
    "(or as storage XHTML with format=\"storage\"). Identify the page by pageId, or by exact title plus spaceKey. " +
    "Long bodies are cut at about 20,000 characters with a '[truncated: … continue with offset=N]' marker; call again with that offset. " +
    "Macros Markdown cannot show appear as placeholders such as [macro: toc]; keep them as they are when you edit the Markdown with " +
    "update_page (unchanged blocks keep their exact storage), or read format=\"storage\" to edit macros and layouts themselves. " +
    "To find a page use search or list_pages; for its place in the tree get_page_ancestors and get_page_children.",
    ToolAccess.Read, idempotent: true, ["read:page:confluence", "read:space:confluence"], ToolSchemas.For<PageResult>())
{
    private protected override string? Check(GetPageArguments arguments) => (arguments.PageId, arguments.Title, arguments.SpaceKey) switch
    {
        (not null, null, null) => null,
        (not null, _, _) => "give either 'pageId', or 'title' with 'spaceKey', not both",
        (null, not null, not null) => null,
        (null, not null, null) => "'spaceKey' is required when looking a page up by 'title'",
        (null, null, not null) => "'title' is required when looking a page up in 'spaceKey'",
        _ => "'pageId' is required (or 'title' with 'spaceKey')",
    };

    private protected override async Task<ToolOutcome> ExecuteAsync(GetPageArguments arguments, ConfluenceSession confluence)
    {
        if (arguments.PageId is { } pageId)
        {
            var page = await confluence.GetAsync(ConfluencePaths.With(ConfluencePaths.V2 + "pages/" + pageId, ("body-format", "storage")), $"page with id {pageId}");
            return ContentReader.Render(page, "page", arguments.Format, arguments.Offset);
        }
        var spaceId = await SpaceLookup.IdOfAsync(confluence, arguments.SpaceKey!);
        var list = await confluence.GetAsync(ConfluencePaths.With(ConfluencePaths.V2 + "pages",
            ("space-id", spaceId), ("title", arguments.Title), ("body-format", "storage")), $"page titled '{arguments.Title}' in space {arguments.SpaceKey}");
        if (list.Results().FirstOrDefault() is not { ValueKind: System.Text.Json.JsonValueKind.Object } found)
        {
            return ToolOutcome.ToolError($"Confluence found no page titled '{arguments.Title}' in space {arguments.SpaceKey}, or you can't see it. Titles must match exactly; try search.", 404);
        }
        // The list answer carries no site base; a single read does, so web URLs stay absolute.
        var full = await confluence.GetAsync(ConfluencePaths.With(ConfluencePaths.V2 + "pages/" + found.Str("id"), ("body-format", "storage")), $"page with id {found.Str("id")}");
        return ContentReader.Render(full, "page", arguments.Format, arguments.Offset);
    }
}
