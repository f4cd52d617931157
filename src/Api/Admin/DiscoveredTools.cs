using Platform.Grains.Governance;

namespace Platform.Api.Admin;

/// <summary>The catalog after a discovery.</summary>
public sealed record DiscoveredTools(IReadOnlyList<CatalogTool> Tools);
