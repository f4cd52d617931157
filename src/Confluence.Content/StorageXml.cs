using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Platform.Confluence.Content;

/// <summary>
/// Parses Confluence storage format with System.Xml. Storage format is well-formed XML apart from two things
/// an XML parser rejects: undeclared prefixes (<c>ac:</c>, <c>ri:</c>, <c>at:</c>) and HTML named entities
/// (<c>&amp;nbsp;</c>). The first is solved by a parser context that declares the prefixes, the second by
/// rewriting named entities to numeric references, so no DTD is ever processed.
/// </summary>
internal static partial class StorageXml
{
    public static readonly XNamespace Ac = "http://atlassian.com/content";
    public static readonly XNamespace Ri = "http://atlassian.com/resource/identifier";
    public static readonly XNamespace At = "http://atlassian.com/template";

    private static readonly XName Root = "storage";

    // New settings per parse: converters run concurrently on grain threads and settings objects are mutable.
    private static XmlReaderSettings ReaderSettings() => new()
    {
        // A fragment: a page body is a sequence of elements and text, not one document element.
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        // Old editors sometimes wrote control characters as references (&#x1;); reading beats rejecting the page.
        CheckCharacters = false,
    };

    /// <summary>The prefixes storage format uses without declaring them, declared for the parser.</summary>
    private static XmlParserContext DeclaredPrefixes()
    {
        var names = new XmlNamespaceManager(new NameTable());
        names.AddNamespace("ac", Ac.NamespaceName);
        names.AddNamespace("ri", Ri.NamespaceName);
        names.AddNamespace("at", At.NamespaceName);
        return new XmlParserContext(names.NameTable, names, null, XmlSpace.None);
    }

    /// <summary>Returns a wrapper element whose children are the storage fragment's nodes.</summary>
    /// <exception cref="FormatException">The fragment is not well-formed.</exception>
    public static XElement Parse(string storage)
    {
        var root = new XElement(Root);
        var text = RewriteEntities(storage);
        try
        {
            using var reader = XmlReader.Create(Source(text), ReaderSettings());
            reader.Read();
            while (!reader.EOF)
            {
                root.Add(XNode.ReadFrom(reader));
            }

            return root;
        }
        catch (XmlException e)
        {
            throw new FormatException($"Storage format is not well-formed: {e.Message}", e);
        }
    }

    /// <summary>
    /// The parser of <paramref name="text"/>, with the prefixes declared by the context, so no wrapped copy is made. The
    /// string-fragment reader parses in a buffer the page's size (a TextReader gets 8 KB whatever the page); the settings
    /// wrapped around it drop comments and processing instructions and keep DTDs out.
    /// </summary>
    private static XmlTextReader Source(string text) =>
        new(text, XmlNodeType.Element, DeclaredPrefixes()) { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    /// <summary>
    /// Rewrites HTML named entities to numeric references and escapes stray ampersands,
    /// leaving CDATA sections and comments untouched (an entity inside CDATA is literal text).
    /// </summary>
    internal static string RewriteEntities(string storage) => !NeedsRewrite(storage) ? storage :
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

    /// <summary>
    /// Whether <see cref="RewriteEntities"/> would change anything: most pages hold only XML's own entities, and
    /// ampersands inside CDATA, which it keeps; for them it would build a copy equal to the page.
    /// </summary>
    private static bool NeedsRewrite(string storage)
    {
        if (!storage.Contains('&'))
        {
            return false;
        }

        foreach (var match in EntityOrVerbatim().EnumerateMatches(storage))
        {
            var text = storage.AsSpan(match.Index, match.Length);
            if (text[0] != '<' && !XmlEntity().IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^&(amp|lt|gt|quot|apos);$", RegexOptions.CultureInvariant)]
    private static partial Regex XmlEntity();

    [GeneratedRegex(@"(?<verbatim><!\[CDATA\[.*?\]\]>|<!--.*?-->)|&(?<name>[A-Za-z][A-Za-z0-9]*);|(?<stray>&)(?!#[0-9]+;|#[xX][0-9A-Fa-f]+;)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex EntityOrVerbatim();
}
