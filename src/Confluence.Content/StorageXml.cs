using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Platform.Confluence.Content;

/// <summary>
/// Parses Confluence storage format with System.Xml. Storage format is well-formed XML apart from two things
/// an XML parser rejects: undeclared prefixes (<c>ac:</c>, <c>ri:</c>, <c>at:</c>) and HTML named entities
/// (<c>&amp;nbsp;</c>). The first is solved by a wrapper element that declares the prefixes, the second by
/// rewriting named entities to numeric references, so no DTD is ever processed.
/// </summary>
internal static partial class StorageXml
{
    public static readonly XNamespace Ac = "http://atlassian.com/content";
    public static readonly XNamespace Ri = "http://atlassian.com/resource/identifier";
    public static readonly XNamespace At = "http://atlassian.com/template";

    // New settings per parse: converters run concurrently on grain threads and settings objects are mutable.
    private static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        // Storage written by old editors sometimes carries control characters; reading beats rejecting the page.
        CheckCharacters = false,
    };

    /// <summary>Returns a wrapper element whose children are the storage fragment's nodes.</summary>
    /// <exception cref="FormatException">The fragment is not well-formed.</exception>
    public static XElement Parse(string storage)
    {
        var wrapped = $"<storage xmlns:ac=\"{Ac}\" xmlns:ri=\"{Ri}\" xmlns:at=\"{At}\">{RewriteEntities(storage)}</storage>";
        try
        {
            using var reader = XmlReader.Create(new StringReader(wrapped), ReaderSettings());
            return XElement.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            throw new FormatException($"Storage format is not well-formed: {e.Message}", e);
        }
    }

    /// <summary>
    /// Rewrites HTML named entities to numeric references and escapes stray ampersands,
    /// leaving CDATA sections and comments untouched (an entity inside CDATA is literal text).
    /// </summary>
    internal static string RewriteEntities(string storage) =>
        EntityOrVerbatim().Replace(storage, match =>
        {
            if (match.Groups["verbatim"].Success)
            {
                return match.Value;
            }

            if (match.Groups["stray"].Success)
            {
                return "&amp;";
            }

            var name = match.Groups["name"].Value;
            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                return match.Value;
            }

            var decoded = WebUtility.HtmlDecode(match.Value);
            if (decoded == match.Value)
            {
                // Unknown entity: keep it readable as literal text rather than failing the page.
                return "&amp;" + name + ";";
            }

            return string.Concat(decoded.EnumerateRunes().Select(rune => "&#x" + rune.Value.ToString("X", CultureInfo.InvariantCulture) + ";"));
        });

    [GeneratedRegex(@"(?<verbatim><!\[CDATA\[.*?\]\]>|<!--.*?-->)|&(?<name>[A-Za-z][A-Za-z0-9]*);|(?<stray>&)(?!#[0-9]+;|#[xX][0-9A-Fa-f]+;)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex EntityOrVerbatim();
}
