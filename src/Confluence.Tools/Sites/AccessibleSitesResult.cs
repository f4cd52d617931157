namespace Platform.Confluence.Tools;

/// <summary>Structured result of list_accessible_sites.</summary>
internal sealed record AccessibleSitesResult(IReadOnlyList<AccessibleSite> Sites);
