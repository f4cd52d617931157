using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Platform.Confluence.Content;

internal sealed partial class StorageWriter
{
    /// <summary>
    /// A blockquote that opens with <c>**Info:**</c>, <c>**Note:**</c>, <c>**Warning:**</c>, <c>**Tip:**</c> or
    /// <c>**Panel: Title**</c> is how <see cref="StorageToMarkdown"/> writes those macros, so it becomes the macro
    /// again. Only these fixed, harmless macros can be produced this way. Returns false, writing nothing, otherwise.
    /// </summary>
    private bool TryWritePanelMacro(QuoteBlock quote)
    {
        if (quote.FirstOrDefault() is not ParagraphBlock { Inline.FirstChild: EmphasisInline { DelimiterCount: 2, DelimiterChar: '*' } label } first
            || label.FirstChild is not LiteralInline { NextSibling: null } labelText
            || PanelLabel().Match(labelText.Content.ToString()) is not { Success: true } match)
        {
            return false;
        }

        var title = match.Groups["title"].Success ? match.Groups["title"].Value : null;
        var labelIsWholeParagraph = label.NextSibling is null;
        if (title is not null && !labelIsWholeParagraph)
        {
            // "**Info: x** more text" is emphasis in a quote, not a panel heading.
            return false;
        }

        _storage.Append("<ac:structured-macro ac:name=\"").Append(match.Groups["name"].Value.ToLowerInvariant()).Append("\" ac:schema-version=\"1\">");
        if (title is not null)
        {
            _storage.Append("<ac:parameter ac:name=\"title\">").Append(StorageText.Escape(title)).Append("</ac:parameter>");
        }

        _storage.Append("<ac:rich-text-body>");
        if (!labelIsWholeParagraph)
        {
            _storage.Append("<p>");
            var textStart = _storage.Length;
            for (var inline = label.NextSibling; inline is not null; inline = inline.NextSibling)
            {
                WriteInline(inline, inTableCell: false);
            }

            TrimStartFrom(textStart);
            _storage.Append("</p>\n");
        }

        foreach (var block in quote.Skip(1))
        {
            WriteBlock(block, tight: false);
        }

        _storage.Append("</ac:rich-text-body></ac:structured-macro>\n");
        return true;
    }

    [GeneratedRegex(@"^(?:(?<name>Info|Note|Warning|Tip|Panel):|(?<name>Info|Note|Warning|Tip|Panel): (?<title>.+))$")]
    private static partial Regex PanelLabel();
}
