using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record GetSpaceArguments(
    [Description("Key of the space, e.g. \"ENG\".")] string SpaceKey);

/// <summary>Reads one space by key.</summary>
internal sealed class GetSpaceTool() : ConfluenceTool<GetSpaceArguments>(
    "get_space",
    "Get a space",
    "Reads one space by key: id, name, type, status, description, home page id (read it with get_page) and web URL.",
    ToolAccess.Read, idempotent: true, ["read:space:confluence"], ToolSchemas.For<SpaceSummary>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetSpaceArguments arguments, ConfluenceSession confluence)
    {
        var listed = await SpaceLookup.FindAsync(confluence, arguments.SpaceKey);
        // The single read carries the site base, so the web URL is absolute.
        var space = SpaceSummary.From(await confluence.GetAsync($"{ConfluencePaths.V2}spaces/{listed.Str("id")}", $"space with key '{arguments.SpaceKey}'"));
        var text = $"# Space {space.Name}\n\n{space.Line()}\n" + (string.IsNullOrWhiteSpace(space.Description) ? "" : $"\n{space.Description}\n");
        return ToolOutcome.Success(text, Structured.Json(space), 200);
    }
}
