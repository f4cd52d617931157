using System.Collections.Frozen;
using ModelContextProtocol.Protocol;
using Platform.Confluence.Tools;
using Platform.Grains.Governance;

namespace Platform.Api.Mcp;

/// <summary>
/// The platform's tools as MCP describes them, built once. A user's list is the subset their effective policy allows,
/// matched by definition hash so an approval never covers a changed tool. Listing never calls Confluence.
/// </summary>
public sealed class McpToolCatalog
{
    private readonly FrozenDictionary<string, (Tool Tool, string Hash)> tools;

    /// <summary>The tools in name order: the order of a list, and the positions of a <see cref="GrantKey"/>.</summary>
    private readonly (string Name, string Hash, bool ReadOnly)[] ordered;

    public McpToolCatalog(ToolCatalog catalog)
    {
        tools = catalog.Tools.ToFrozenDictionary(
            tool => tool.Definition.Name,
            tool => (ToProtocol(tool.Definition), tool.Definition.DefinitionHash),
            StringComparer.Ordinal);
        ordered = [.. tools.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => (entry.Key, entry.Value.Hash, IsReadOnly(entry.Key)))];
    }

    public bool Contains(string name) => tools.ContainsKey(name);

    /// <summary>Whether the tool only reads (what a read-only OAuth grant may call).</summary>
    public bool IsReadOnly(string name) => tools.TryGetValue(name, out var tool) && tool.Tool.Annotations?.ReadOnlyHint == true;

    public IList<Tool> AllowedBy(EffectiveToolPolicy policy, bool readOnlyCaller = false) =>
        [.. tools
            .Where(entry => policy.AllowedTools.TryGetValue(entry.Key, out var approvedHash) && approvedHash == entry.Value.Hash)
            .Where(entry => !readOnlyCaller || IsReadOnly(entry.Key))
            .Select(entry => entry.Value.Tool)
            .OrderBy(tool => tool.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Which tools <see cref="AllowedBy"/> would list, as one character per catalog tool: two callers with the same key
    /// get the same list, whatever their policy's version or other grants (of tools this catalog does not have).
    /// </summary>
    public string GrantKey(EffectiveToolPolicy policy, bool readOnlyCaller = false) =>
        string.Create(ordered.Length, (ordered, policy, readOnlyCaller), static (key, state) =>
        {
            for (var i = 0; i < key.Length; i++)
            {
                var (name, hash, readOnly) = state.ordered[i];
                var listed = state.policy.AllowedTools.TryGetValue(name, out var approvedHash) && approvedHash == hash
                    && (!state.readOnlyCaller || readOnly);
                key[i] = listed ? '1' : '0';
            }
        });

    private static Tool ToProtocol(ToolDefinition definition) => new()
    {
        Name = definition.Name,
        Title = definition.Title,
        Description = definition.Description,
        InputSchema = definition.InputSchema,
        OutputSchema = definition.OutputSchema,
        Annotations = new ToolAnnotations
        {
            Title = definition.Title,
            ReadOnlyHint = definition.Access == ToolAccess.Read,
            DestructiveHint = definition.Access == ToolAccess.Destructive,
            IdempotentHint = definition.Idempotent,
            // Every tool reaches Confluence, a system outside this gateway.
            OpenWorldHint = true,
        },
    };
}
