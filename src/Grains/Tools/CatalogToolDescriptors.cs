using Platform.Confluence.Tools;
using Platform.Grains.Governance;

namespace Platform.Grains.Tools;

/// <summary>The tool catalog as governance discovers it: each tool's name, class, scopes and definition hash.</summary>
public sealed class CatalogToolDescriptors(ToolCatalog catalog) : IToolDescriptorSource
{
    public IReadOnlyList<ToolDescriptor> Tools { get; } =
        [.. catalog.Tools.Select(tool => tool.Definition)
            .Select(definition => new ToolDescriptor(definition.Name, definition.Title, definition.ReadOnlyHint, definition.Scopes, definition.DefinitionHash, definition.CanonicalDefinition))];
}
