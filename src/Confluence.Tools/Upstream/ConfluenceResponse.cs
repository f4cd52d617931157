using System.Text;

namespace Platform.Confluence.Tools;

/// <summary>
/// Confluence's answer: status, body as received (read as bytes: almost every answer is JSON, parsed straight from
/// UTF-8), when to retry (429/503), the body's media type and the charset it names.
/// </summary>
public sealed record ConfluenceResponse(
    int StatusCode,
    byte[] Body,
    TimeSpan? RetryAfter,
    string? MediaType = null,
    string? Charset = null)
{
    /// <summary>The body as JSON's UTF-8, without the byte order mark JSON parsers refuse.</summary>
    public ReadOnlyMemory<byte> Json => Body.AsSpan().StartsWith("\uFEFF"u8) ? Body.AsMemory(3) : Body;

    /// <summary>The body as text: in the charset the answer names (UTF-8 if none, or one .NET does not know), a byte order mark taking precedence.</summary>
    public string ReadText()
    {
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrWhiteSpace(Charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(Charset.Trim().Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: UTF-8 is what a text attachment most likely is.
            }
        }

        using var reader = new StreamReader(new MemoryStream(Body, writable: false), encoding, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
