namespace Platform.Grains.Governance;

/// <summary>
/// A tool under review: its catalog entry, the definition this release offers and the one its last approval covered
/// (canonical JSON each; the approved one is null when the tool was never approved, or was approved before definitions
/// were kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.ToolReview")]
public sealed record ToolReview(
    [property: Id(0)] CatalogTool Tool,
    [property: Id(1)] string? CurrentDefinition,
    [property: Id(2)] string? ApprovedDefinition);
