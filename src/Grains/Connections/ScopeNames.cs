using System.Collections.Concurrent;

namespace Platform.Grains.Connections;

/// <summary>
/// Atlassian scope names, one instance each per process: every connected user keeps the list of scopes they granted,
/// the same few dozen names for a whole tenant, and a user's own copies cost about 3 KB per activation. Bounded, since
/// the names come from outside; past the bound a list keeps its own strings.
/// </summary>
internal static class ScopeNames
{
    private const int MaxNames = 4096;
    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    /// <summary>Replaces each name in <paramref name="scopes"/> by the shared instance, in place; returns the list.</summary>
    public static List<string> Share(List<string> scopes)
    {
        for (var i = 0; i < scopes.Count; i++)
        {
            var name = scopes[i];
            scopes[i] = Known.TryGetValue(name, out var shared) ? shared : Known.Count < MaxNames ? Known.GetOrAdd(name, name) : name;
        }

        return scopes;
    }
}
