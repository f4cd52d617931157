using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record ListSpacesArguments(
    [Description("Only these space keys, e.g. [\"ENG\",\"MAR\"].")] IReadOnlyList<string>? Keys = null,
    [Description("Only spaces of this type.")] SpaceType? Type = null,
    [Description("Spaces per call, 1 to 250 (default 25).")][Range(1, 250)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next spaces.")] string? Cursor = null);

/// <summary>Space types v2 filters on.</summary>
internal enum SpaceType
{
    Global,
    Personal,
}

/// <summary>Lists the spaces the user can see.</summary>
internal sealed class ListSpacesTool() : ConfluenceTool<ListSpacesArguments>(
    "list_spaces",
    "List spaces",
    "Lists the Confluence spaces you can see: key, id, name, type, home page id and web URL. Space keys are what other tools " +
    "(list_pages, create_page, search) take. Returns a cursor when more spaces exist.",
    ToolAccess.Read, idempotent: true, ["read:space:confluence"], ToolSchemas.For<SpaceListResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(ListSpacesArguments arguments, ConfluenceSession confluence)
    {
        var keys = arguments.Keys is { Count: > 0 } list ? string.Join(',', list) : null;
        var answer = await confluence.GetAsync(ConfluencePaths.With(ConfluencePaths.V2 + "spaces", ("keys", keys),
            ("type", arguments.Type?.ToString().ToLowerInvariant()), ("limit", arguments.Limit), ("cursor", arguments.Cursor)), "spaces");
        var siteBase = answer.Str("_links", "base");
        var spaces = answer.Results().Select(s => SpaceSummary.From(s, siteBase)).ToList();
        var next = ConfluencePaths.NextCursor(answer);
        return ToolOutcome.Success(ListText.Render("Spaces", spaces.Select(s => s.Line()).ToList(), next, "No spaces visible."),
            Structured.Json(new SpaceListResult(spaces, next)), 200);
    }
}
