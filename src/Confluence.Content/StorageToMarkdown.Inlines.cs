using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Platform.Confluence.Content;

public static partial class StorageToMarkdown
{
    private static readonly SearchValues<char> WhitespaceOtherThanSpace = SearchValues.Create("\t\r\n\u00A0" + InlineBuilder.HardBreak);

    private static void AppendInline(XNode node, InlineBuilder inline)
    {
        switch (node)
        {
            case XText text:
                // XCData derives from XText: CDATA outside a macro body is ordinary text.
                inline.Append(MarkdownText.EscapeInline(CollapseWhitespace(text.Value)));
                break;
            case XElement { Name.LocalName: "br" } element when element.Name.Namespace == XNamespace.None:
                inline.AppendHardBreak();
                break;
            case XElement element:
                inline.Append(RenderInlineElement(element));
                break;
        }
    }

    /// <summary>The element's children as inline Markdown, with surrounding spaces kept for the caller.</summary>
    private static string RenderInlineContent(XElement element)
    {
        var inline = InlineBuilder.Rent();
        foreach (var node in element.Nodes())
        {
            AppendInline(node, inline);
        }

        var raw = inline.Build();
        inline.Return();
        var lead = element.FirstNode is XText first && first.Value.Length > 0 && char.IsWhiteSpace(first.Value[0]) ? " " : string.Empty;
        var trail = element.LastNode is XText last && last.Value.Length > 0 && char.IsWhiteSpace(last.Value[^1]) ? " " : string.Empty;
        return raw.Length == 0 ? lead : lead + raw + trail;
    }

    private static string RenderInlineElement(XElement element)
    {
        if (element.Name.Namespace == StorageXml.Ac)
        {
            return element.Name.LocalName switch
            {
                "link" => RenderConfluenceLink(element),
                "image" => RenderImage(element),
                "structured-macro" or "macro" => RenderInlineMacro(element),
                "emoticon" => Emoticons.Render(element),
                // Template placeholders are instructions to the author, not page content.
                "placeholder" => string.Empty,
                _ => RenderInlineContent(element),
            };
        }

        if (element.Name.Namespace == StorageXml.Ri)
        {
            return string.Empty;
        }

        return element.Name.LocalName switch
        {
            "strong" or "b" => Wrap(RenderInlineContent(element), "**"),
            "em" or "i" or "cite" => Wrap(RenderInlineContent(element), "*"),
            "s" or "del" or "strike" => Wrap(RenderInlineContent(element), "~~"),
            "span" when (element.Attribute("style")?.Value ?? string.Empty).Contains("line-through", StringComparison.OrdinalIgnoreCase)
                => Wrap(RenderInlineContent(element), "~~"),
            "code" or "kbd" or "samp" or "tt" => MarkdownText.CodeSpan(CollapseWhitespace(element.Value)),
            "a" => RenderAnchor(element),
            "time" => MarkdownText.EscapeInline(element.Value.Trim().Length > 0 ? element.Value.Trim() : element.Attribute("datetime")?.Value ?? string.Empty),
            _ when IsBlock(element) => " " + string.Join(' ', RenderBlocks(element.Nodes())).Replace('\n', ' ') + " ",
            _ => RenderInlineContent(element),
        };
    }

    /// <summary>Puts emphasis markers around the text, keeping edge spaces outside (<c>** x**</c> is not emphasis).</summary>
    private static string Wrap(string content, string marker)
    {
        var core = content.Trim(' ', InlineBuilder.HardBreak);
        if (core.Length == 0)
        {
            return content.Length > 0 ? " " : string.Empty;
        }

        var lead = content[0] == ' ' ? " " : string.Empty;
        var trail = content[^1] == ' ' ? " " : string.Empty;
        return lead + marker + core + marker + trail;
    }

    private static string RenderAnchor(XElement anchor)
    {
        var href = anchor.Attribute("href")?.Value.Trim() ?? string.Empty;
        var text = RenderInlineContent(anchor).Trim();
        if (href.Length == 0)
        {
            return text;
        }

        return Link(text.Length > 0 ? text : MarkdownText.EscapeInline(href), href);
    }

    /// <summary>
    /// <c>ac:link</c> points at Confluence resources. Pages, attachments and spaces get pseudo-URLs
    /// (<c>page:SPACE/Title</c>, <c>attachment:file</c>, <c>space:KEY</c>) that read naturally and that
    /// <see cref="MarkdownToStorage"/> turns back into resource links; user mentions become <c>@account-id</c>.
    /// </summary>
    private static string RenderConfluenceLink(XElement link)
    {
        var anchor = link.Attribute(StorageXml.Ac + "anchor")?.Value;
        var resource = link.Elements().FirstOrDefault(e => e.Name.Namespace == StorageXml.Ri);
        var body = LinkBody(link);

        if (resource?.Name.LocalName == "user")
        {
            return "@" + UserId(resource);
        }

        var (target, fallbackText) = resource?.Name.LocalName switch
        {
            "page" => ("page:" + PageReference(resource) + AnchorSuffix(anchor), Attr(resource, "content-title")),
            "blog-post" => ("blogpost:" + SpacePrefix(resource) + Attr(resource, "content-title"), Attr(resource, "content-title")),
            "attachment" => ("attachment:" + Attr(resource, "filename"), Attr(resource, "filename")),
            "space" => ("space:" + Attr(resource, "space-key"), Attr(resource, "space-key")),
            "url" => (Attr(resource, "value"), Attr(resource, "value")),
            "content-entity" => ("content:" + Attr(resource, "content-id"), Attr(resource, "content-id")),
            null when anchor is not null => ("#" + anchor, anchor),
            _ => (string.Empty, string.Empty),
        };

        if (target.Length == 0)
        {
            return body;
        }

        return Link(body.Length > 0 ? body : MarkdownText.EscapeInline(fallbackText), target);
    }

    private static string LinkBody(XElement link)
    {
        var plain = link.Element(StorageXml.Ac + "plain-text-link-body");
        if (plain is not null)
        {
            return MarkdownText.EscapeInline(CollapseWhitespace(plain.Value).Trim());
        }

        var rich = link.Element(StorageXml.Ac + "link-body");
        return rich is null ? string.Empty : RenderInlineContent(rich).Trim();
    }

    private static string RenderImage(XElement image)
    {
        var attachment = image.Element(StorageXml.Ri + "attachment");
        var url = image.Element(StorageXml.Ri + "url");
        var source = attachment is not null ? "attachment:" + Attr(attachment, "filename")
            : url is not null ? Attr(url, "value")
            : string.Empty;
        var alt = image.Attribute(StorageXml.Ac + "alt")?.Value ?? image.Attribute(StorageXml.Ac + "title")?.Value ?? string.Empty;
        return $"![{MarkdownText.EscapeInline(CollapseWhitespace(alt).Trim())}]({MarkdownText.Destination(source)})";
    }

    private static string Link(string text, string target) => $"[{text}]({MarkdownText.Destination(target)})";

    private static string UserId(XElement user) =>
        Attr(user, "account-id") is { Length: > 0 } accountId ? accountId
        : Attr(user, "userkey") is { Length: > 0 } userKey ? userKey
        : Attr(user, "username");

    /// <summary>
    /// <c>SPACE/Title</c>, or just <c>Title</c> for a page in the current space. A title that itself starts like
    /// <c>KEY/</c> ("CI/CD") gets a leading slash so it cannot be read as a space key.
    /// </summary>
    private static string PageReference(XElement page)
    {
        var title = Attr(page, "content-title");
        var space = SpacePrefix(page);
        return space.Length == 0 && SpaceKeyPrefix().IsMatch(title) ? "/" + title : space + title;
    }

    private static string SpacePrefix(XElement resource) =>
        Attr(resource, "space-key") is { Length: > 0 } space ? space + "/" : string.Empty;

    private static string AnchorSuffix(string? anchor) => string.IsNullOrEmpty(anchor) ? string.Empty : "#" + anchor;

    private static string Attr(XElement element, string riName) => element.Attribute(StorageXml.Ri + riName)?.Value ?? string.Empty;

    /// <summary>Runs of spaces, tabs, line ends, no-break spaces and break markers as one space, as a browser shows them.</summary>
    private static string CollapseWhitespace(string text)
    {
        // Most text has single spaces only: answer it as it is, without copying it.
        if (text.AsSpan().IndexOfAny(WhitespaceOtherThanSpace) < 0 && !text.Contains("  ", StringComparison.Ordinal))
        {
            return text;
        }

        var collapsed = new StringBuilder(text.Length);
        var inRun = false;
        foreach (var c in text)
        {
            var isSpace = c is ' ' or '\t' or '\r' or '\n' or '\u00A0' or InlineBuilder.HardBreak;
            if (!isSpace)
            {
                collapsed.Append(c);
            }
            else if (!inRun)
            {
                collapsed.Append(' ');
            }

            inRun = isSpace;
        }

        return collapsed.ToString();
    }

    [GeneratedRegex(@"^~?[A-Za-z0-9]+/")]
    private static partial Regex SpaceKeyPrefix();
}
