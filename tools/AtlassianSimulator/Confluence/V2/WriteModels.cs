namespace AtlassianSimulator.Confluence.V2;

// Request bodies accepted by the v2 write operations.

/// <summary>
/// A written body: either flat {representation, value} or nested {"storage": {representation, value}} —
/// the spec accepts both (PageBodyWrite / PageNestedBodyWrite, CommentBodyWrite / CommentNestedBodyWrite).
/// </summary>
public sealed record BodyWrite(string? Representation, string? Value, BodyWrite? Storage = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("atlas_doc_format")] BodyWrite? AtlasDocFormat = null, BodyWrite? Wiki = null)
{
    public (string? Representation, string? Value) Flatten() =>
        Value is not null ? (Representation ?? "storage", Value)
        : Storage is { Value: { } s } ? ("storage", s)
        : AtlasDocFormat is { Value: { } a } ? ("atlas_doc_format", a)
        : Wiki is { Value: { } w } ? ("wiki", w)
        : (Representation, null);
}

public sealed record VersionWrite(int? Number, string? Message);

public sealed record ContentWrite(string? Id, string? SpaceId, string? Status, string? Title, string? ParentId, BodyWrite? Body, VersionWrite? Version);

public sealed record CommentWrite(string? PageId, string? BlogPostId, string? ParentCommentId, BodyWrite? Body, InlineCommentWrite? InlineCommentProperties);

public sealed record InlineCommentWrite(string? TextSelection, int? TextSelectionMatchCount, int? TextSelectionMatchIndex);

public sealed record SpaceWrite(string? Key, string? Name, SpaceDescriptionWrite? Description);

public sealed record SpaceDescriptionWrite(string? Value, string? Representation);

public sealed record PropertyWrite(string? Key, System.Text.Json.Nodes.JsonNode? Value, VersionWrite? Version);

public sealed record InlineCommentUpdate(VersionWrite? Version, BodyWrite? Body, bool? Resolved);
