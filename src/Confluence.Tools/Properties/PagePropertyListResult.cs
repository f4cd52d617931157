namespace Platform.Confluence.Tools;

/// <summary>Structured result of get_page_property.</summary>
internal sealed record PagePropertyListResult(IReadOnlyList<PagePropertyResult> Results);
