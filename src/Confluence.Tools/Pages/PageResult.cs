namespace Platform.Confluence.Tools;

/// <summary>Structured result of reading a page or blog post.</summary>
internal sealed record PageResult(
    string Id, string Type, string Title, string Status, string? SpaceId, int? Version, string? ParentId, string? WebUrl,
    ContentFormat Format, string Body, int Offset, int? NextOffset, int TotalLength);
