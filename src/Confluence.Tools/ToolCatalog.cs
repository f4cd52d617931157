namespace Platform.Confluence.Tools;

/// <summary>Every Confluence tool the gateway offers, by unique name.</summary>
public sealed class ToolCatalog
{
    private readonly Dictionary<string, ConfluenceTool> byName;

    public ToolCatalog(IEnumerable<ConfluenceTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        Tools = [.. tools];
        byName = Tools.ToDictionary(t => t.Definition.Name, StringComparer.Ordinal);
    }

    public static ToolCatalog Default { get; } = new(
    [
        new GetPageTool(),
    ]);

    public IReadOnlyList<ConfluenceTool> Tools { get; }

    public ConfluenceTool? Find(string name) => byName.GetValueOrDefault(name);
}
