using Platform.Confluence.Tools;

namespace Platform.Api.WebConsole.Model;

/// <summary>
/// The granular Atlassian scopes the integration wizard offers: per tool family, what its tools need (the recommended
/// set is all of them), plus the scopes Atlassian's Confluence guides list that no tool needs yet, and the two the
/// gateway always requests.
/// </summary>
public static class IntegrationScopes
{
    /// <summary>
    /// Families by a word of the tool's name, first match in <see cref="MatchOrder"/> wins: so <c>get_page_restrictions</c>
    /// is a permission tool, <c>get_page_property</c> a property tool, <c>search_users</c> a people tool. Declared before
    /// <see cref="Families"/>, whose initializer reads it (static initializers run in textual order).
    /// </summary>
    private static readonly (string Family, string[] Words)[] FamilyWords =
    [
        ("Pages", ["page", "pages"]),
        ("Blog posts", ["blog"]),
        ("Comments", ["comment", "comments"]),
        ("Attachments", ["attachment", "attachments", "images"]),
        ("Labels", ["label", "labels"]),
        ("Properties", ["property", "properties"]),
        ("Permissions", ["permission", "permissions", "restrictions"]),
        ("Templates", ["template", "templates"]),
        ("Spaces", ["space", "spaces"]),
        ("Whiteboards", ["whiteboard", "whiteboards"]),
        ("People", ["user", "users", "group", "groups", "members"]),
        ("Sites", ["sites"]),
        ("Search", ["search"]),
    ];

    /// <summary>Checked in this order (most specific first), shown in <see cref="FamilyWords"/>' order.</summary>
    private static readonly string[] MatchOrder =
        ["Comments", "Attachments", "Labels", "Properties", "Permissions", "Blog posts", "Pages", "Templates", "Spaces", "Whiteboards", "People", "Sites", "Search"];

    /// <summary>Requested whatever the admin picks: refresh tokens, and whose account consented.</summary>
    public static IReadOnlyList<string> AlwaysRequested { get; } = ["offline_access", "read:me"];

    /// <summary>Granular scopes a Confluence integration commonly asks for that no tool of this release needs.</summary>
    public static IReadOnlyList<string> Optional { get; } =
        [.. new[] { "read:space-details:confluence", "read:configuration:confluence" }.Except(Needed(ToolCatalog.Default), StringComparer.Ordinal)];

    /// <summary>Each tool family (by what its tools' names say they work on) with its tools and the scopes they need.</summary>
    public static IReadOnlyList<ToolFamily> Families { get; } = [.. ToolCatalog.Default.Tools
        .GroupBy(tool => FamilyOf(tool.Definition.Name))
        .OrderBy(family => Array.FindIndex(FamilyWords, entry => entry.Family == family.Key) is var index and >= 0 ? index : FamilyWords.Length)
        .Select(family => new ToolFamily(
            family.Key,
            [.. family.Select(tool => tool.Definition.Name).Order(StringComparer.Ordinal)],
            [.. family.SelectMany(tool => tool.Definition.Scopes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))];

    private static string FamilyOf(string toolName)
    {
        var words = toolName.Split('_');
        foreach (var family in MatchOrder)
        {
            if (FamilyWords.First(entry => entry.Family == family).Words.Any(words.Contains))
            {
                return family;
            }
        }

        return "Other";
    }

    /// <summary>Every scope some tool needs: with all of them, every tool is available.</summary>
    public static IReadOnlyList<string> Recommended { get; } = Needed(ToolCatalog.Default);

    private static IReadOnlyList<string> Needed(ToolCatalog catalog) =>
        [.. catalog.Tools.SelectMany(tool => tool.Definition.Scopes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

}

/// <summary>Tools of one kind (pages, comments, …) and the scopes they need.</summary>
public sealed record ToolFamily(string Name, IReadOnlyList<string> Tools, IReadOnlyList<string> Scopes);
