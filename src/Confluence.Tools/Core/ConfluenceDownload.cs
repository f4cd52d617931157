namespace Platform.Confluence.Tools;

/// <summary>
/// A binary answer (an attachment's bytes). <see cref="Content"/> is empty unless the status is 2xx;
/// <see cref="TooLarge"/> says the body passed the size the caller allowed and was not read.
/// </summary>
public sealed record ConfluenceDownload(int StatusCode, byte[] Content, string? MediaType, bool TooLarge = false, TimeSpan? RetryAfter = null);
