using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record CreateWhiteboardArguments(
    [Description("Key of the space to create the whiteboard in.")] string SpaceKey,
    [Description("Title of the whiteboard.")][SingleLine] string Title,
    [Description("Numeric id of the page to create it under; leave out for the space's top level.")][NumericId] string? ParentId = null);

/// <summary>Creates an empty whiteboard.</summary>
internal sealed class CreateWhiteboardTool() : ConfluenceTool<CreateWhiteboardArguments>(
    "create_whiteboard",
    "Create a whiteboard",
    "Creates an empty Confluence whiteboard in a space (optionally under a page). Its drawing cannot be edited through tools; " +
    "people open it from the returned web URL.",
    ToolAccess.Write, idempotent: false, ["read:space:confluence", "write:whiteboard:confluence"], ToolSchemas.For<WriteResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(CreateWhiteboardArguments arguments, ConfluenceSession confluence)
    {
        var spaceId = await SpaceLookup.IdOfAsync(confluence, arguments.SpaceKey);
        var created = await confluence.SendAsync("POST", ConfluencePaths.V2 + "whiteboards",
            new { spaceId, title = arguments.Title, parentId = arguments.ParentId }, $"space {arguments.SpaceKey}");
        return ContentWriter.Written("Created whiteboard", created, ContentKind.Whiteboard);
    }
}
