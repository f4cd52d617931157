using System.Collections.Frozen;

namespace AtlassianSimulator.Access;

/// <summary>
/// Which OAuth scopes each operation needs. v2 comes from the spec's per-operation scopes (embedded TSV);
/// v1 and the newer v2 hierarchy endpoints (absent from that spec) are listed here. A token passes when it
/// holds every scope of at least one alternative (v1 accepts classic or granular scopes).
/// </summary>
public static class ScopeTable
{
    private static readonly FrozenDictionary<string, string[][]> Requirements = Build();

    public static bool IsSatisfied(string operationId, IReadOnlySet<string> granted) =>
        !Requirements.TryGetValue(operationId, out var alternatives)
        || alternatives.Any(all => all.All(granted.Contains));

    /// <summary>Every scope that appears anywhere, so the default seeded app can be configured with all of them.</summary>
    public static IEnumerable<string> AllScopes() => Requirements.Values.SelectMany(a => a).SelectMany(s => s).Distinct();

    private static FrozenDictionary<string, string[][]> Build()
    {
        var table = new Dictionary<string, string[][]>(StringComparer.Ordinal);
        using var stream = typeof(ScopeTable).Assembly.GetManifestResourceStream("v2-endpoints-scopes.tsv")
            ?? throw new InvalidOperationException("Embedded scope table missing.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            var columns = line.Split('\t');
            if (columns.Length >= 4)
            {
                table[columns[2]] = [columns[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            }
        }

        string[][] Granular(params string[] scopes) => [scopes];
        string[][] ClassicOr(string classic, params string[] granular) => [[classic], granular];

        table["getPageDirectChildren"] = Granular("read:hierarchical-content:confluence");
        table["getPageDescendants"] = Granular("read:hierarchical-content:confluence");
        table["v1.search"] = ClassicOr("search:confluence", "read:content-details:confluence");
        table["v1.contentSearch"] = ClassicOr("search:confluence", "read:content-details:confluence");
        table["v1.getLabels"] = ClassicOr("read:confluence-content.summary", "read:label:confluence");
        table["v1.addLabels"] = ClassicOr("write:confluence-content", "read:label:confluence", "write:label:confluence");
        table["v1.removeLabel"] = ClassicOr("write:confluence-content", "write:label:confluence");
        table["v1.createAttachment"] = ClassicOr("write:confluence-file", "read:content-details:confluence", "write:attachment:confluence");
        table["v1.getUser"] = ClassicOr("read:confluence-user", "read:content-details:confluence");
        table["v1.getCurrentUser"] = ClassicOr("read:confluence-user", "read:content-details:confluence");
        table["v1.searchUsers"] = Granular("read:content-details:confluence");
        table["v1.getGroups"] = ClassicOr("read:confluence-groups", "read:group:confluence");
        table["v1.getGroupMembers"] = ClassicOr("read:confluence-groups", "read:group:confluence", "read:user:confluence");
        table["v1.getContent"] = ClassicOr("read:confluence-content.summary", "read:content-details:confluence");
        table["v1.createContent"] = ClassicOr("write:confluence-content", "read:content-details:confluence", "write:content:confluence");
        table["v1.updateContent"] = ClassicOr("write:confluence-content", "read:content-details:confluence", "write:content:confluence");
        table["v1.getSpaces"] = ClassicOr("read:confluence-space.summary", "read:content-details:confluence");
        table["v1.copyPage"] = ClassicOr("write:confluence-content", "read:content-details:confluence", "write:page:confluence");
        table["v1.copyPageHierarchy"] = ClassicOr("write:confluence-content", "read:content.metadata:confluence", "write:page:confluence");
        table["v1.getTask"] = ClassicOr("read:confluence-space.summary", "read:content.metadata:confluence");
        table["v1.getContentTemplates"] = ClassicOr("read:confluence-content.summary", "read:template:confluence", "read:content-details:confluence");
        table["v1.getContentTemplate"] = ClassicOr("read:confluence-content.summary", "read:template:confluence", "read:content-details:confluence");
        table["v1.getRestrictions"] = ClassicOr("read:confluence-content.all", "read:content-details:confluence");
        table["v1.updateRestrictions"] = ClassicOr("write:confluence-content", "read:content-details:confluence", "write:content.restriction:confluence");
        table["v1.deleteRestrictions"] = ClassicOr("write:confluence-content", "read:content-details:confluence", "write:content.restriction:confluence");
        table["v1.checkContentPermission"] = ClassicOr("read:confluence-content.permission", "read:content.permission:confluence");
        table["v1.getViews"] = ClassicOr("read:confluence-content.summary", "read:analytics.content:confluence");
        table["v1.getViewers"] = ClassicOr("read:confluence-content.summary", "read:analytics.content:confluence");
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
