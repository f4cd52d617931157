using System.Text.RegularExpressions;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Platform.Confluence.Content;

internal sealed partial class StorageWriter
{
    private static readonly string[] SafeSchemes = ["http:", "https:", "mailto:"];

    private void WriteInlines(ContainerInline? container, bool inTableCell = false)
    {
        if (container is null)
        {
            return;
        }

        foreach (var inline in container)
        {
            WriteInline(inline, inTableCell);
        }
    }

    private void WriteInline(Inline inline, bool inTableCell)
    {
        switch (inline)
        {
            case LiteralInline literal:
                WriteLiteral(literal.Content.ToString(), inTableCell);
                break;
            case EmphasisInline emphasis:
                var tag = emphasis.DelimiterChar == '~' ? "s" : emphasis.DelimiterCount >= 2 ? "strong" : "em";
                _storage.Append('<').Append(tag).Append('>');
                WriteInlines(emphasis, inTableCell);
                _storage.Append("</").Append(tag).Append('>');
                break;
            case CodeInline code:
                // GFM: a pipe inside a table cell is written \| even in a code span, and means a plain pipe.
                var content = inTableCell ? code.Content.Replace("\\|", "|", StringComparison.Ordinal) : code.Content;
                _storage.Append("<code>").Append(StorageText.Escape(content)).Append("</code>");
                break;
            case LineBreakInline lineBreak:
                _storage.Append(lineBreak.IsHard ? "<br />" : " ");
                break;
            case LinkInline { IsImage: true } image:
                WriteImage(image);
                break;
            case LinkInline link:
                WriteLink(link, inTableCell);
                break;
            case AutolinkInline autolink:
                var href = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
                if (IsSafeUrl(href))
                {
                    WriteAnchor(href, () => _storage.Append(StorageText.Escape(autolink.Url)));
                }
                else
                {
                    // <javascript:...> is a valid CommonMark autolink; it must not become a clickable link.
                    _storage.Append(StorageText.Escape(autolink.Url));
                }

                break;
            case HtmlEntityInline entity:
                _storage.Append(StorageText.Escape(entity.Transcoded.ToString()));
                break;
            case HtmlInline html:
                // Unreachable with DisableHtml; raw HTML is only ever text.
                _storage.Append(StorageText.Escape(html.Tag));
                break;
            case TaskList task:
                // Task lists skip their markers; one left here is in a list mixing tasks and bullets, so it stays text.
                _storage.Append(task.Checked ? "[x]" : "[ ]");
                break;
            case ContainerInline container:
                WriteInlines(container, inTableCell);
                break;
        }
    }

    /// <summary>
    /// Literal text. <c>@account-id</c> (the form <see cref="StorageToMarkdown"/> writes mentions in) becomes a user
    /// mention again, and in table cells <c>&lt;br&gt;</c>, Markdown's only way to break a line there, is a break.
    /// </summary>
    private void WriteLiteral(string text, bool inTableCell)
    {
        var lines = inTableCell ? CellBreak().Split(text) : [text];
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                _storage.Append("<br />");
            }

            var position = 0;
            foreach (Match mention in Mention().Matches(lines[i]))
            {
                _storage.Append(StorageText.Escape(lines[i][position..mention.Index]))
                    .Append("<ac:link><ri:user ri:account-id=\"").Append(mention.Groups["id"].Value).Append("\" /></ac:link>");
                position = mention.Index + mention.Length;
            }

            _storage.Append(StorageText.Escape(lines[i][position..]));
        }
    }

    private void WriteImage(LinkInline image)
    {
        var url = image.Url ?? string.Empty;
        var alt = StorageText.Escape(PlainText(image));
        if (url.StartsWith("attachment:", StringComparison.OrdinalIgnoreCase))
        {
            _storage.Append("<ac:image ac:alt=\"").Append(alt).Append("\"><ri:attachment ri:filename=\"")
                .Append(StorageText.Escape(url["attachment:".Length..])).Append("\" /></ac:image>");
        }
        else if (IsSafeUrl(url))
        {
            _storage.Append("<ac:image ac:alt=\"").Append(alt).Append("\"><ri:url ri:value=\"")
                .Append(StorageText.Escape(url)).Append("\" /></ac:image>");
        }
        else
        {
            _storage.Append(StorageText.Escape($"![{PlainText(image)}]({url})"));
        }
    }

    private void WriteLink(LinkInline link, bool inTableCell)
    {
        var url = link.Url ?? string.Empty;
        var resource = ResourceIdentifier(url);
        if (resource is not null)
        {
            _storage.Append("<ac:link").Append(resource.Value.Anchor is { } anchor ? $" ac:anchor=\"{StorageText.Escape(anchor)}\"" : string.Empty)
                .Append('>').Append(resource.Value.Element).Append("<ac:link-body>");
            WriteInlines(link, inTableCell);
            _storage.Append("</ac:link-body></ac:link>");
        }
        else if (IsSafeUrl(url))
        {
            WriteAnchor(url, () => WriteInlines(link, inTableCell));
        }
        else
        {
            // A javascript: or data: link keeps its text and shows the target, but is not clickable.
            WriteInlines(link, inTableCell);
            _storage.Append(StorageText.Escape($" ({url})"));
        }
    }

    private void WriteAnchor(string href, Action writeText)
    {
        _storage.Append("<a href=\"").Append(StorageText.Escape(href)).Append("\">");
        writeText();
        _storage.Append("</a>");
    }

    /// <summary>The <c>ri:</c> element for the pseudo-URLs that <see cref="StorageToMarkdown"/> writes, or null.</summary>
    private static (string Element, string? Anchor)? ResourceIdentifier(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var value = url[(colon + 1)..];
        switch (url[..colon].ToLowerInvariant())
        {
            case "page":
                var anchorMatch = PageAnchor().Match(value);
                var anchor = anchorMatch.Success ? anchorMatch.Groups["anchor"].Value : null;
                if (anchorMatch.Success)
                {
                    value = value[..anchorMatch.Index];
                }

                // "OPS/Title" names a space; "/CI/CD" is a title in the current space that happens to contain a slash.
                var spaceMatch = SpaceAndTitle().Match(value);
                var spaceKey = spaceMatch.Success ? spaceMatch.Groups["space"].Value : string.Empty;
                var space = spaceKey.Length > 0 ? $" ri:space-key=\"{StorageText.Escape(spaceKey)}\"" : string.Empty;
                var title = spaceMatch.Success ? spaceMatch.Groups["title"].Value : value;
                return ($"<ri:page{space} ri:content-title=\"{StorageText.Escape(title)}\" />", anchor);
            case "attachment":
                return ($"<ri:attachment ri:filename=\"{StorageText.Escape(value)}\" />", null);
            case "space":
                return ($"<ri:space ri:space-key=\"{StorageText.Escape(value)}\" />", null);
            default:
                return null;
        }
    }

    private static bool IsSafeUrl(string url)
    {
        var trimmed = url.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var firstDelimiter = trimmed.IndexOfAny(['/', '?', '#']);
        var isRelative = colon < 0 || (firstDelimiter >= 0 && firstDelimiter < colon);
        return isRelative || SafeSchemes.Any(scheme => trimmed.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));
    }

    private static string PlainText(ContainerInline container) =>
        string.Concat(container.Descendants<LiteralInline>().Select(literal => literal.Content.ToString()));

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex CellBreak();

    /// <summary>Atlassian account ids: <c>557058:</c> followed by a UUID, or 24 hex digits.</summary>
    [GeneratedRegex(@"(?<![\w@.])@(?<id>[0-9]{6}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24})(?![\w-])")]
    private static partial Regex Mention();

    [GeneratedRegex(@"(?<=\S)#(?<anchor>[A-Za-z0-9_.-]+)$")]
    private static partial Regex PageAnchor();

    [GeneratedRegex(@"^(?<space>(~?[A-Za-z0-9]+)?)/(?<title>.+)$")]
    private static partial Regex SpaceAndTitle();
}
