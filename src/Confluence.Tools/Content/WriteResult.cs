namespace Platform.Confluence.Tools;

/// <summary>Structured result of a create or update: what a follow-up call needs.</summary>
internal sealed record WriteResult(string Id, string Title, int? Version, string? SpaceId, string? ParentId, string? WebUrl);
