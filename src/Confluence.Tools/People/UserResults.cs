using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>A user: account id (what mentions and other tools take), display name, email when their privacy settings show it.</summary>
internal sealed record UserSummary(string AccountId, string DisplayName, string? Email)
{
    public static UserSummary From(JsonElement user) =>
        new(user.Str("accountId") ?? "", user.Str("displayName") ?? user.Str("publicName") ?? "", user.Str("email") is { Length: > 0 } email ? email : null);

    public string Line() => $"- **{DisplayName}** (account id {AccountId}{(Email is null ? "" : ", " + Email)})";
}

/// <summary>Structured result of user lists.</summary>
internal sealed record UserListResult(IReadOnlyList<UserSummary> Results, string? NextCursor);

internal sealed record GroupSummary(string Id, string Name);

/// <summary>Structured result of list_groups.</summary>
internal sealed record GroupListResult(IReadOnlyList<GroupSummary> Results, string? NextCursor);
