using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AtlassianSimulator.Confluence.V2;

// Response shapes of the v2 API; null members are omitted (the spec marks few fields nullable).

public sealed record VersionJson(string CreatedAt, string Message, int Number, bool MinorEdit, string AuthorId);

public sealed record BodyValue(string Representation, string Value);

public sealed record BodyJson(BodyValue? Storage, [property: JsonPropertyName("atlas_doc_format")] BodyValue? AtlasDocFormat, BodyValue? View);

public sealed record ContentLinks(string Webui, string? Editui, string? Tinyui, string? Base = null);

public sealed record PageJson(
    string Id, string Status, string Title, string SpaceId, string? ParentId, string? ParentType, int? Position,
    string AuthorId, string OwnerId, string CreatedAt, VersionJson Version, BodyJson? Body,
    [property: JsonPropertyName("_links")] ContentLinks Links)
{
    /// <summary>Only with include-labels=true on a single page.</summary>
    public IncludedJson<LabelJson>? Labels { get; init; }
}

/// <summary>An include-… field: the first results, whether more exist, and where to fetch them.</summary>
public sealed record IncludedJson<T>(IReadOnlyList<T> Results, IncludedMeta Meta, [property: JsonPropertyName("_links")] IncludedLinks Links);

public sealed record IncludedMeta(bool HasMore, string Cursor);

public sealed record IncludedLinks(string Self);

public sealed record BlogPostJson(
    string Id, string Status, string Title, string SpaceId, string AuthorId, string CreatedAt, VersionJson Version, BodyJson? Body,
    [property: JsonPropertyName("_links")] ContentLinks Links);

public sealed record WhiteboardJson(
    string Id, string Type, string Status, string Title, string SpaceId, string? ParentId, string? ParentType, int? Position,
    string AuthorId, string OwnerId, string CreatedAt, VersionJson Version, [property: JsonPropertyName("_links")] ContentLinks Links);

public sealed record CommentLinks(string Webui, string? Base = null);

public sealed record CommentJson(
    string Id, string Status, string Title, string? PageId, string? BlogPostId, string? ParentCommentId, VersionJson Version, BodyJson? Body,
    string? ResolutionStatus, InlineProperties? Properties, [property: JsonPropertyName("_links")] CommentLinks Links)
{
    /// <summary>Inline comments that were resolved or reopened: who did it last and when.</summary>
    public string? ResolutionLastModifierId { get; init; }

    public string? ResolutionLastModifiedAt { get; init; }
}

public sealed record InlineProperties(string InlineMarkerRef, string InlineOriginalSelection);

public sealed record AttachmentLinks(string Webui, string Download, string? Base = null);

public sealed record AttachmentJson(
    string Id, string Status, string Title, string CreatedAt, string? PageId, string? BlogPostId, string MediaType, string Comment,
    string FileId, long FileSize, string WebuiLink, string DownloadLink, VersionJson Version, [property: JsonPropertyName("_links")] AttachmentLinks Links);

public sealed record SpaceDescriptionJson(BodyValue Plain);

public sealed record SpaceLinks(string Webui, string? Base = null);

public sealed record SpaceJson(
    string Id, string Key, string Name, string Type, string Status, string AuthorId, string CreatedAt, string? HomepageId,
    SpaceDescriptionJson? Description, [property: JsonPropertyName("_links")] SpaceLinks Links);

public sealed record LabelJson(string Id, string Name, string Prefix);

public sealed record PropertyJson(string Id, string Key, JsonNode? Value, VersionJson Version);

public sealed record AncestorJson(string Id, string Type);

public sealed record ChildPageJson(string Id, string Status, string Title, string SpaceId, int? ChildPosition);

public sealed record HierarchyJson(string Id, string Status, string Title, string Type, string SpaceId, string? ParentId, int? Depth, int? ChildPosition);

public sealed record PageVersionJson(string CreatedAt, string Message, int Number, bool MinorEdit, string AuthorId, VersionedContent? Page, VersionedContent? BlogPost);

public sealed record VersionedContent(string Id, string Title);

public sealed record DetailedVersionJson(int Number, string AuthorId, string Message, string CreatedAt, bool MinorEdit, bool ContentTypeModified, IReadOnlyList<string> Collaborators);

public sealed record ListLinks(string? Next, string Base);

public sealed record ListJson<T>(IReadOnlyList<T> Results, [property: JsonPropertyName("_links")] ListLinks Links);

public sealed record SpacePermissionJson(string Id, PermissionPrincipal Principal, PermissionOperation Operation);

public sealed record PermissionPrincipal(string Type, string Id);

public sealed record PermissionOperation(string Key, string TargetType);
