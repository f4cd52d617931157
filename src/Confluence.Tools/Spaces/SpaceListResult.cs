namespace Platform.Confluence.Tools;

/// <summary>Structured result of list_spaces.</summary>
internal sealed record SpaceListResult(IReadOnlyList<SpaceSummary> Results, string? NextCursor);
