using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record GetGroupMembersArguments(
    [Description("Id of the group (from list_groups), not its name.")] string GroupId,
    [Description("Members per call, 1 to 200 (default 25).")][Range(1, 200)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next members.")] string? Cursor = null);

/// <summary>Lists the members of a group.</summary>
internal sealed class GetGroupMembersTool() : ConfluenceTool<GetGroupMembersArguments>(
    "get_group_members",
    "List group members",
    "Lists the users in a group (display name and account id). Takes the group id from list_groups.",
    ToolAccess.Read, idempotent: true, ["read:group:confluence", "read:user:confluence"], ToolSchemas.For<UserListResult>())
{
    private protected override string? Check(GetGroupMembersArguments arguments) => CursorText.Problem(arguments.Cursor);

    private protected override async Task<ToolOutcome> ExecuteAsync(GetGroupMembersArguments arguments, ConfluenceSession confluence)
    {
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V1}group/{ConfluencePaths.Escape(arguments.GroupId)}/membersByGroupId",
            ("limit", arguments.Limit), ("start", arguments.Cursor)), $"group with id {arguments.GroupId}");
        var users = answer.Results().Select(UserSummary.From).ToList();
        var next = ConfluencePaths.NextCursor(answer);
        return ToolOutcome.Success(ListText.Render($"Members of group {arguments.GroupId}", users.Select(u => u.Line()).ToList(), next, "No members."),
            Structured.Json(new UserListResult(users, next)), 200);
    }
}
