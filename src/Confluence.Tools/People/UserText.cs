using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>A user as one line: display name, account id (what mentions and other tools take), email when visible.</summary>
internal static class UserText
{
    public static string Line(JsonElement user) =>
        $"- **{user.Str("displayName") ?? user.Str("publicName")}** (account id {user.Str("accountId")}" +
        (user.Str("email") is { Length: > 0 } email ? $", {email}" : "") + ")";
}
