namespace Platform.Grains.Connections;

/// <summary>Confluence's answer: status, body as text, when to retry (429/503) and the body's media type.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ConfluenceResponse")]
public sealed record ConfluenceResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string Body,
    [property: Id(2)] TimeSpan? RetryAfter,
    [property: Id(3)] string? MediaType = null);
