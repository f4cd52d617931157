using System.Text.RegularExpressions;
using Platform.Confluence.Tools;

namespace Platform.Api.WebConsole.Model;

/// <summary>
/// The granular Atlassian scopes the integration wizard offers: per tool family, what its tools need (the recommended
/// set is all of them), plus the scopes Atlassian's Confluence guides list that no tool needs yet, and the two the
/// gateway always requests.
/// </summary>
public static partial class IntegrationScopes
{
    /// <summary>Requested whatever the admin picks: refresh tokens, and whose account consented.</summary>
    public static IReadOnlyList<string> AlwaysRequested { get; } = ["offline_access", "read:me"];

    /// <summary>Granular scopes a Confluence integration commonly asks for that no tool of this release needs.</summary>
    public static IReadOnlyList<string> Optional { get; } =
        [.. new[] { "read:space-details:confluence", "read:configuration:confluence" }.Except(Needed(ToolCatalog.Default), StringComparer.Ordinal)];

    /// <summary>Each tool family (by the folder its tools live in) with its tools and the scopes they need.</summary>
    public static IReadOnlyList<ToolFamily> Families { get; } = [.. ToolCatalog.Default.Tools
        .GroupBy(tool => tool.GetType().Namespace!.Split('.')[^1])
        .OrderBy(family => family.Key, StringComparer.Ordinal)
        .Select(family => new ToolFamily(
            Words().Replace(family.Key, " $1").ToLowerInvariant() is var words ? char.ToUpperInvariant(words[0]) + words[1..] : family.Key,
            [.. family.Select(tool => tool.Definition.Name).Order(StringComparer.Ordinal)],
            [.. family.SelectMany(tool => tool.Definition.Scopes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))];

    /// <summary>Every scope some tool needs: with all of them, every tool is available.</summary>
    public static IReadOnlyList<string> Recommended { get; } = Needed(ToolCatalog.Default);

    private static IReadOnlyList<string> Needed(ToolCatalog catalog) =>
        [.. catalog.Tools.SelectMany(tool => tool.Definition.Scopes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [GeneratedRegex("(?<=[a-z])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}

/// <summary>Tools of one kind (pages, comments, …) and the scopes they need.</summary>
public sealed record ToolFamily(string Name, IReadOnlyList<string> Tools, IReadOnlyList<string> Scopes);
