using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>The facts about a space a model chains on: key (for other tools), id, home page.</summary>
internal sealed record SpaceSummary(string Id, string Key, string Name, string Type, string Status, string? HomepageId, string? Description, string? WebUrl)
{
    public static SpaceSummary From(JsonElement space, string? siteBase = null) => new(
        space.Str("id") ?? "", space.Str("key") ?? "", space.Str("name") ?? "", space.Str("type") ?? "", space.Str("status") ?? "",
        space.Str("homepageId"), space.Str("description", "plain", "value"),
        ConfluencePaths.WebUrl(space.Str("_links", "base") ?? siteBase, space.Str("_links", "webui")));

    public string Line() =>
        $"- **{Name}** (key {Key}, id {Id}, {Type}{(Status == "current" ? "" : ", " + Status)}{(HomepageId is null ? "" : ", home page " + HomepageId)})" +
        (WebUrl is null ? "" : " " + WebUrl);
}
