using System.Xml.Linq;

namespace Platform.Confluence.Content;

/// <summary>
/// Decides whether a block written back from its Markdown loses anything, and names what. Two checks: every element
/// and attribute must be one the Markdown mapping carries (bookkeeping ids Confluence regenerates excepted), and the
/// Markdown must come back unchanged through storage (catching tables shown as HTML and links written as text).
/// </summary>
internal static class MarkdownFidelity
{
    /// <summary>Ids and bookkeeping that Confluence assigns again on save; losing them loses nothing a reader sees.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "local-id", "ac:local-id", "data-local-id", "ac:macro-id", "ri:version-at-save", "ac:schema-version", "ri:local-id",
        "ac:task-list-id",
    };

    private static readonly HashSet<string> PlainElements = new(StringComparer.Ordinal)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "br", "strong", "b", "em", "i", "cite", "s", "del", "strike",
        "code", "kbd", "samp", "tt", "ul", "li", "tbody", "thead", "tfoot", "tr",
    };

    private static readonly Dictionary<string, string> NamedFormatting = new(StringComparer.Ordinal)
    {
        ["u"] = "underlined text",
        ["sub"] = "subscript",
        ["sup"] = "superscript",
        ["time"] = "a date",
        ["mark"] = "highlighted text",
        ["img"] = "an HTML image",
    };

    private static readonly HashSet<string> PanelMacros = new(StringComparer.OrdinalIgnoreCase) { "info", "note", "warning", "tip", "panel" };

    /// <summary>Null when the block's Markdown writes it back whole; otherwise what would be lost, for a message.</summary>
    public static string? LossOf(string blockStorage)
    {
        var root = StorageXml.Parse(blockStorage);
        if (root.Descendants().Select(LossIn).FirstOrDefault(loss => loss is not null) is { } loss)
        {
            return loss;
        }

        var markdown = StorageToMarkdown.Convert(blockStorage);
        return StorageToMarkdown.Convert(MarkdownToStorage.Convert(markdown)) == markdown
            ? null
            : markdown.StartsWith("<table", StringComparison.Ordinal)
                ? "a table Markdown shows as HTML (merged cells, or lists, code or tables inside cells)"
                : "content Markdown can only show as text";
    }

    private static string? LossIn(XElement element)
    {
        var name = element.Name;
        if (name.Namespace == XNamespace.None)
        {
            return PlainLoss(element);
        }

        if (name.Namespace == StorageXml.Ri)
        {
            // Resource identifiers are judged with the link or image holding them.
            return null;
        }

        if (name.Namespace != StorageXml.Ac)
        {
            return $"the <{Qualified(element)}> element";
        }

        return name.LocalName switch
        {
            "link" => LinkLoss(element),
            "image" => ImageLoss(element),
            "structured-macro" or "macro" => MacroLoss(element),
            "parameter" or "rich-text-body" or "plain-text-body" or "link-body" or "plain-text-link-body" => null,
            // An emoticon comes back as the emoji it shows.
            "emoticon" => null,
            "task-list" or "task" or "task-id" or "task-uuid" or "task-status" or "task-body" => OtherAttribute(element, []),
            "inline-comment-marker" => "an inline comment's anchor (the comment would lose its place)",
            "placeholder" => "template placeholder text",
            _ => $"the <ac:{name.LocalName}> element",
        };
    }

    private static string? PlainLoss(XElement element)
    {
        var name = element.Name.LocalName;
        if (NamedFormatting.TryGetValue(name, out var formatting))
        {
            return formatting;
        }

        return name switch
        {
            _ when PlainElements.Contains(name) => OtherAttribute(element, []),
            "ol" => OtherAttribute(element, ["start"]),
            "a" => OtherAttribute(element, ["href"]),
            "span" => SpanLoss(element),
            // A table keeps its own attributes and column widths when it is written back as a table (see MarkdownEdit).
            "table" or "colgroup" or "col" => null,
            "td" or "th" => CellLoss(element),
            "div" when Attributes(element).All(a => a.Name.LocalName == "class" && a.Value == "content-wrapper") => null,
            _ => $"the <{name}> element",
        };
    }

    private static string? SpanLoss(XElement span)
    {
        foreach (var attribute in Attributes(span))
        {
            var value = attribute.Value.Trim().TrimEnd(';').Replace(" ", "", StringComparison.Ordinal);
            var harmless = (attribute.Name.LocalName == "style" && value.Equals("text-decoration:line-through", StringComparison.OrdinalIgnoreCase))
                || (attribute.Name.LocalName == "class" && attribute.Value == "placeholder-inline-tasks")
                || Bookkeeping.Contains(Qualified(attribute));
            if (!harmless)
            {
                return attribute.Name.LocalName == "style" && attribute.Value.Contains("color", StringComparison.OrdinalIgnoreCase)
                    ? "coloured text"
                    : $"styled text ({Qualified(attribute)}=\"{attribute.Value}\")";
            }
        }

        return null;
    }

    private static string? CellLoss(XElement cell)
    {
        foreach (var attribute in Attributes(cell))
        {
            var qualified = Qualified(attribute);
            var harmless = Bookkeeping.Contains(qualified)
                || (qualified is "colspan" or "rowspan" && attribute.Value.Trim() == "1")
                || (qualified == "class" && attribute.Value is "confluenceTd" or "confluenceTh");
            if (!harmless)
            {
                return qualified is "colspan" or "rowspan" ? "merged table cells" : $"a table cell's {qualified}";
            }
        }

        return null;
    }

    private static string? LinkLoss(XElement link)
    {
        if (OtherAttribute(link, ["ac:anchor"]) is { } loss)
        {
            return link.Attribute(StorageXml.Ac + "card-appearance") is not null ? "a smart-link card" : loss;
        }

        var resource = link.Elements().FirstOrDefault(e => e.Name.Namespace == StorageXml.Ri);
        return resource?.Name.LocalName switch
        {
            null => null,
            "page" => OtherAttribute(resource, ["ri:space-key", "ri:content-title"]),
            "attachment" when resource.HasElements => "a link to another page's attachment",
            "attachment" => OtherAttribute(resource, ["ri:filename"]),
            "space" => OtherAttribute(resource, ["ri:space-key"]),
            "user" => OtherAttribute(resource, ["ri:account-id"]),
            "url" => OtherAttribute(resource, ["ri:value"]),
            var other => $"a link to a {other}",
        };
    }

    private static string? ImageLoss(XElement image)
    {
        var extra = Attributes(image).Select(Qualified).Where(a => a is not "ac:alt" && !Bookkeeping.Contains(a)).ToList();
        // Markdown has one text for an image; a title is kept only where it is that text.
        if (extra.Remove("ac:title") && image.Attribute(StorageXml.Ac + "alt") is { } alt && alt.Value != image.Attribute(StorageXml.Ac + "title")!.Value)
        {
            extra.Add("ac:title");
        }

        if (extra.Count > 0)
        {
            return $"an image's size or placement ({string.Join(", ", extra)})";
        }

        var source = image.Elements().FirstOrDefault(e => e.Name.Namespace == StorageXml.Ri);
        return source?.Name.LocalName switch
        {
            "attachment" when source.HasElements => "an image attached to another page",
            "attachment" => OtherAttribute(source, ["ri:filename"]),
            "url" => OtherAttribute(source, ["ri:value"]),
            _ => "an image without a file or address",
        };
    }

    private static string? MacroLoss(XElement macro)
    {
        var name = (macro.Attribute(StorageXml.Ac + "name")?.Value ?? "").Trim().ToLowerInvariant();
        var parameters = macro.Elements(StorageXml.Ac + "parameter").Select(p => p.Attribute(StorageXml.Ac + "name")?.Value ?? "").ToList();
        string[] allowed = name switch
        {
            "code" => ["language"],
            _ when PanelMacros.Contains(name) => ["title"],
            _ => [],
        };
        if (name != "code" && !PanelMacros.Contains(name))
        {
            return $"the '{name}' macro";
        }

        if (parameters.FirstOrDefault(p => !allowed.Contains(p, StringComparer.OrdinalIgnoreCase)) is { } extra)
        {
            return $"the '{extra}' setting of a {name} macro";
        }

        return OtherAttribute(macro, ["ac:name"]);
    }

    /// <summary>The first attribute that is neither allowed nor bookkeeping, described; null when there is none.</summary>
    private static string? OtherAttribute(XElement element, string[] allowed)
    {
        var extra = Attributes(element).Select(Qualified)
            .FirstOrDefault(a => !allowed.Contains(a) && !Bookkeeping.Contains(a));
        return extra is null ? null : $"the {extra} attribute of <{Qualified(element)}>";
    }

    private static IEnumerable<XAttribute> Attributes(XElement element) => element.Attributes().Where(a => !a.IsNamespaceDeclaration);

    private static string Qualified(XElement element) => Prefix(element.Name.Namespace) + element.Name.LocalName;

    private static string Qualified(XAttribute attribute) => Prefix(attribute.Name.Namespace) + attribute.Name.LocalName;

    private static string Prefix(XNamespace ns) =>
        ns == StorageXml.Ac ? "ac:" : ns == StorageXml.Ri ? "ri:" : ns == StorageXml.At ? "at:" : "";
}
