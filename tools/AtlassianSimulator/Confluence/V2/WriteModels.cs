namespace AtlassianSimulator.Confluence.V2;

// Request bodies accepted by the v2 write operations.

public sealed record BodyWrite(string? Representation, string? Value);

public sealed record VersionWrite(int? Number, string? Message);

public sealed record ContentWrite(string? Id, string? SpaceId, string? Status, string? Title, string? ParentId, BodyWrite? Body, VersionWrite? Version);

public sealed record CommentWrite(string? PageId, string? BlogPostId, string? ParentCommentId, BodyWrite? Body, InlineCommentWrite? InlineCommentProperties);

public sealed record InlineCommentWrite(string? TextSelection, int? TextSelectionMatchCount, int? TextSelectionMatchIndex);

public sealed record SpaceWrite(string? Key, string? Name, SpaceDescriptionWrite? Description);

public sealed record SpaceDescriptionWrite(string? Value, string? Representation);

public sealed record PropertyWrite(string? Key, System.Text.Json.Nodes.JsonNode? Value, VersionWrite? Version);
