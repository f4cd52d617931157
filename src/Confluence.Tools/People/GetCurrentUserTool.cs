namespace Platform.Confluence.Tools;

internal sealed record GetCurrentUserArguments;

/// <summary>Who the tools act as.</summary>
internal sealed class GetCurrentUserTool() : ConfluenceTool<GetCurrentUserArguments>(
    "get_current_user",
    "Get the current user",
    "Returns the Confluence user the tools act as: display name, account id and email (if visible). " +
    "Use the account id to find the user's own content (search with cql: creator = currentUser()).",
    ToolAccess.Read, idempotent: true, ["read:content-details:confluence"], ToolSchemas.For<UserSummary>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetCurrentUserArguments arguments, ConfluenceSession confluence)
    {
        var user = UserSummary.From(await confluence.GetAsync(ConfluencePaths.V1 + "user/current", "current user"));
        return ToolOutcome.Success("You are acting as:\n\n" + user.Line() + "\n", Structured.Json(user), 200);
    }
}
