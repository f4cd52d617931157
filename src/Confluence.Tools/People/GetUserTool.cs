using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record GetUserArguments(
    [Description("Atlassian account id, e.g. \"5b10ac8d82e05b22cc7d4ef5\" (from page authors, comments or search_users).")] string AccountId);

/// <summary>Looks a user up by account id.</summary>
internal sealed class GetUserTool() : ConfluenceTool<GetUserArguments>(
    "get_user",
    "Get a user",
    "Returns a user's display name (and email if their privacy settings allow) for an account id, e.g. to name the author of a page.",
    ToolAccess.Read, idempotent: true, ["read:content-details:confluence"], ToolSchemas.For<UserSummary>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetUserArguments arguments, ConfluenceSession confluence)
    {
        var user = UserSummary.From(await confluence.GetAsync(ConfluencePaths.With(ConfluencePaths.V1 + "user", ("accountId", arguments.AccountId)), $"user with account id {arguments.AccountId}"));
        return ToolOutcome.Success(user.Line() + "\n", Structured.Json(user), 200);
    }
}
