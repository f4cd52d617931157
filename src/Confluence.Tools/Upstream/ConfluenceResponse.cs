namespace Platform.Confluence.Tools;

/// <summary>Confluence's answer: status, body as text, when to retry (429/503) and the body's media type.</summary>
public sealed record ConfluenceResponse(
    int StatusCode,
    string Body,
    TimeSpan? RetryAfter,
    string? MediaType = null);
