using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record SearchUsersArguments(
    [Description("Part of the person's name, e.g. \"alice\".")] string Name,
    [Description("Users per call, 1 to 100 (default 25).")][Range(1, 100)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next users.")] string? Cursor = null);

/// <summary>Finds users by name.</summary>
internal sealed class SearchUsersTool() : ConfluenceTool<SearchUsersArguments>(
    "search_users",
    "Search users",
    "Finds Confluence users whose name contains the given text; returns display names and account ids " +
    "(use an account id to mention someone in Markdown as @account-id, or with get_user).",
    ToolAccess.Read, idempotent: true, ["read:content-details:confluence"], ToolSchemas.For<UserListResult>())
{
    private protected override string? Check(SearchUsersArguments arguments) => CursorText.Problem(arguments.Cursor);

    private protected override async Task<ToolOutcome> ExecuteAsync(SearchUsersArguments arguments, ConfluenceSession confluence)
    {
        var cql = $"type = user AND user.fullname ~ {CqlText.Quote(arguments.Name)}";
        var answer = await confluence.GetAsync(ConfluencePaths.With(ConfluencePaths.V1 + "search/user", ("cql", cql), ("limit", arguments.Limit),
            ("start", arguments.Cursor)), "user search");
        var users = answer.Results().Select(r => UserSummary.From(r.At("user") ?? r)).ToList();
        var next = ConfluencePaths.NextCursor(answer);
        return ToolOutcome.Success(ListText.Render($"Users matching \"{arguments.Name}\"", users.Select(u => u.Line()).ToList(), next, "No users found."),
            Structured.Json(new UserListResult(users, next)), 200);
    }
}
