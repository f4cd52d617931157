namespace Platform.Confluence.Tools;

/// <summary>Structured result of search: the CQL that ran, the hits and the cursor of the next call.</summary>
internal sealed record SearchResult(string Cql, int? TotalSize, IReadOnlyList<SearchHit> Results, string? NextCursor);

internal sealed record SearchHit(string Id, string Type, string Title, string? SpaceKey, string? Excerpt, string? LastModified, string? WebUrl);
