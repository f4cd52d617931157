using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record ListGroupsArguments(
    [Description("Groups per call, 1 to 200 (default 25).")][Range(1, 200)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next groups.")] string? Cursor = null);

/// <summary>Lists the site's user groups.</summary>
internal sealed class ListGroupsTool() : ConfluenceTool<ListGroupsArguments>(
    "list_groups",
    "List groups",
    "Lists the user groups of the Confluence site (name and group id). Use the id with get_group_members.",
    ToolAccess.Read, idempotent: true, ["read:group:confluence"], ToolSchemas.For<GroupListResult>())
{
    private protected override string? Check(ListGroupsArguments arguments) => CursorText.Problem(arguments.Cursor);

    private protected override async Task<ToolOutcome> ExecuteAsync(ListGroupsArguments arguments, ConfluenceSession confluence)
    {
        var answer = await confluence.GetAsync(ConfluencePaths.With(ConfluencePaths.V1 + "group", ("limit", arguments.Limit), ("start", arguments.Cursor)), "groups");
        var groups = answer.Results().Select(g => new GroupSummary(g.Str("id") ?? "", g.Str("name") ?? "")).ToList();
        var next = ConfluencePaths.NextCursor(answer);
        return ToolOutcome.Success(ListText.Render("Groups", groups.Select(g => $"- **{g.Name}** (group id {g.Id})").ToList(), next, "No groups."),
            Structured.Json(new GroupListResult(groups, next)), 200);
    }
}
