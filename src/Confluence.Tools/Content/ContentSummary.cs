using System.Text;
using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>The facts about a page, blog post or whiteboard that let a model chain calls: ids, version, space, web address.</summary>
internal sealed record ContentSummary(string Id, string Type, string Title, string Status, string? SpaceId, int? Version, string? ParentId, string? WebUrl)
{
    public static ContentSummary From(JsonElement item, string type, string? siteBase = null) => new(
        item.Str("id") ?? "", type, item.Str("title") ?? "", item.Str("status") ?? "current", item.Str("spaceId"),
        item.Int("version", "number"), item.Str("parentId"),
        ConfluencePaths.WebUrl(item.Str("_links", "base") ?? siteBase, item.Str("_links", "webui")));

    public ContentListItem Item() => new(Id, Type, Title, Status, SpaceId, Version, ParentId, WebUrl);

    /// <summary>One Markdown list line, e.g. <c>- **Title** (page 42, version 3, space 7) https://…</c>.</summary>
    public string Line()
    {
        var builder = new StringBuilder().Append("- **").Append(Title).Append("** (").Append(Type).Append(' ').Append(Id);
        if (Version is { } version)
        {
            builder.Append(", version ").Append(version);
        }
        if (SpaceId is not null)
        {
            builder.Append(", space id ").Append(SpaceId);
        }
        if (Status != "current")
        {
            builder.Append(", ").Append(Status);
        }
        builder.Append(')');
        return WebUrl is null ? builder.ToString() : builder.Append(' ').Append(WebUrl).ToString();
    }

    /// <summary>A heading and a fact line, to head a document's body.</summary>
    public string Header()
    {
        var builder = new StringBuilder().Append("# ").AppendLine(Title).AppendLine()
            .Append(Type).Append(" id ").Append(Id);
        if (Version is { } version)
        {
            builder.Append(" · version ").Append(version);
        }
        if (SpaceId is not null)
        {
            builder.Append(" · space id ").Append(SpaceId);
        }
        if (ParentId is not null)
        {
            builder.Append(" · parent id ").Append(ParentId);
        }
        builder.Append(" · ").Append(Status);
        if (WebUrl is not null)
        {
            builder.AppendLine().Append(WebUrl);
        }
        return builder.AppendLine().ToString();
    }
}
