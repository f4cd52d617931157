namespace Platform.Grains.Connections;

/// <summary>
/// One Confluence REST call, relative to the site's API root (for example <c>wiki/api/v2/pages/42</c>). A request carries
/// either a JSON body or a file to upload as multipart form data (v1 attachments), never both.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.ConfluenceRequest")]
public sealed record ConfluenceRequest(
    [property: Id(0)] string Method,
    [property: Id(1)] string Path,
    [property: Id(2)] string? JsonBody = null,
    [property: Id(3)] FileUpload? Upload = null);
