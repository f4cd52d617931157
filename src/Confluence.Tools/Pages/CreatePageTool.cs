using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record CreatePageArguments(
    [Description("Key of the space to create the page in, e.g. \"ENG\".")] string SpaceKey,
    [Description("Title of the new page; must be unique in the space.")][SingleLine] string Title,
    [Description("Body of the page in 'format'; leave out for an empty page.")] string? Body = null,
    [Description("Format of 'body': \"markdown\" (default) or \"storage\" (Confluence storage XHTML).")] ContentFormat Format = ContentFormat.Markdown,
    [Description("Numeric id of the parent page; leave out to create it under the space's home page.")][NumericId] string? ParentId = null);

/// <summary>Creates a page in a space.</summary>
internal sealed class CreatePageTool() : ConfluenceTool<CreatePageArguments>(
    "create_page",
    "Create a page",
    "Creates a page in a space, under 'parentId' or the space's home page, with a Markdown (or storage XHTML) body. " +
    "Titles are unique per space: creating a duplicate fails with Confluence's message. Returns the new page's id, version and web URL. " +
    "Markdown supports headings, lists, task lists, tables, code blocks, links, page links as [text](page:SPACE/Title) and info panels as '> **Info:** text'. " +
    "To start from a template use create_page_from_template; to duplicate a page use copy_page.",
    ToolAccess.Write, idempotent: false, ["read:space:confluence", "write:page:confluence"], ToolSchemas.For<WriteResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(CreatePageArguments arguments, ConfluenceSession confluence) =>
        ContentWriter.Written("Created page", await PostAsync(confluence, arguments.SpaceKey, arguments.Title, arguments.ParentId,
            BodyText.Write(arguments.Body ?? "", arguments.Format)), ContentKind.Page);

    /// <summary>Creates a page in the space with the given key, under the parent or the space's home page.</summary>
    public static async Task<System.Text.Json.JsonElement> PostAsync(ConfluenceSession confluence, string spaceKey, string title, string? parentId, object body)
    {
        var spaceId = await SpaceLookup.IdOfAsync(confluence, spaceKey);
        return await confluence.SendAsync("POST", ConfluencePaths.V2 + "pages", new { spaceId, status = "current", title, parentId, body },
            $"space {spaceKey}{(parentId is null ? "" : $" or parent page {parentId}")}");
    }
}
