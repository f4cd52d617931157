using System.Globalization;
using Platform.Confluence.Content;

namespace Platform.Confluence.Tools;

/// <summary>
/// Bodies as tools show and take them: storage XHTML converted to Markdown (or verbatim), cut into bounded windows
/// the model can continue with <c>offset</c>.
/// </summary>
internal static class BodyText
{
    public const int WindowCharacters = 20_000;

    public static MarkdownWindow Read(string storage, ContentFormat format, int offset)
    {
        var text = format == ContentFormat.Storage ? storage : Markdown(storage);
        if (offset > text.Length)
        {
            throw new UpstreamFailureException(ToolOutcome.ToolError(
                string.Create(CultureInfo.InvariantCulture, $"'offset' {offset} is past the end of the body ({text.Length} characters); use offset 0 to start again."), null));
        }
        return ContentTruncation.Truncate(text, WindowCharacters, offset);
    }

    /// <summary>The storage value to send: Markdown converted, storage verbatim (so an unchanged read-back is byte-identical).</summary>
    public static string ToStorage(string body, ContentFormat format) => format == ContentFormat.Storage ? body : MarkdownToStorage.Convert(body);

    /// <summary>The v2 body object of a write.</summary>
    public static object Write(string body, ContentFormat format) => new { representation = "storage", value = ToStorage(body, format) };

    /// <summary>The body as Markdown; a body that cannot be parsed is shown as storage with a note.</summary>
    public static string Markdown(string storage)
    {
        try
        {
            return StorageToMarkdown.Convert(storage);
        }
        catch (FormatException)
        {
            // A body Confluence itself accepted but we cannot parse: better raw than nothing.
            return "[This body could not be converted to Markdown; it is shown as storage XHTML.]\n\n" + storage;
        }
    }
}
