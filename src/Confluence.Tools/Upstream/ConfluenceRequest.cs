namespace Platform.Confluence.Tools;

/// <summary>
/// One Confluence REST call, relative to the site's API root (for example <c>wiki/api/v2/pages/42</c>). A request carries
/// either a JSON body or a file to upload as multipart form data (v1 attachments), never both.
/// </summary>
public sealed record ConfluenceRequest(
    string Method,
    string Path,
    string? JsonBody = null,
    FileUpload? Upload = null);
