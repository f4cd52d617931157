namespace Platform.Grains.Connections;

/// <summary>One Confluence REST call, relative to the site's API root (for example <c>wiki/api/v2/pages/42</c>).</summary>
[GenerateSerializer, Immutable, Alias("Platform.ConfluenceRequest")]
public sealed record ConfluenceRequest(
    [property: Id(0)] string Method,
    [property: Id(1)] string Path,
    [property: Id(2)] string? JsonBody = null);
