using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Confluence.Content;

/// <summary>Escaping and layout helpers for the Markdown that <see cref="StorageToMarkdown"/> writes.</summary>
internal static partial class MarkdownText
{
    private static readonly SearchValues<char> InlineSyntax = SearchValues.Create("\\`*[]<_~&");

    /// <summary>
    /// Escapes characters that would otherwise start Markdown syntax inside a line of text.
    /// Escapes only what is needed so that prose (and snake_case names) stays readable for models.
    /// </summary>
    public static string EscapeInline(string text)
    {
        // Most text needs no escape: answer it as it is, without copying it.
        var first = text.AsSpan().IndexOfAny(InlineSyntax);
        while (first >= 0 && !NeedsEscape(text, first))
        {
            var next = text.AsSpan(first + 1).IndexOfAny(InlineSyntax);
            first = next < 0 ? -1 : first + 1 + next;
        }

        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (NeedsEscape(text, i))
            {
                escaped.Append('\\');
            }

            escaped.Append(text[i]);
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(string text, int i)
    {
        var previous = i > 0 ? text[i - 1] : ' ';
        var next = i + 1 < text.Length ? text[i + 1] : ' ';
        return text[i] switch
        {
            '\\' or '`' or '*' or '[' or ']' or '<' => true,
            // An underscore between letters or digits cannot open or close emphasis.
            '_' => !(char.IsLetterOrDigit(previous) && char.IsLetterOrDigit(next)),
            // A lone tilde is harmless, but one at a text edge may meet strikethrough markers or another tilde.
            '~' => previous == '~' || next == '~' || i == 0 || i == text.Length - 1,
            '&' => EntityLike().IsMatch(text.AsSpan(i)),
            _ => false,
        };
    }

    /// <summary>Escapes a paragraph's first characters if they would read as a heading, quote, list item or rule.</summary>
    public static string EscapeBlockStart(string paragraph)
    {
        var orderedMarker = OrderedListMarker().Match(paragraph);
        if (orderedMarker.Success)
        {
            return paragraph.Insert(orderedMarker.Groups["delimiter"].Index, "\\");
        }

        return BlockMarker().IsMatch(paragraph) ? "\\" + paragraph : paragraph;
    }

    /// <summary>A code span whose backtick fence is longer than any backtick run inside the code.</summary>
    public static string CodeSpan(string code)
    {
        if (code.Length == 0)
        {
            return string.Empty;
        }

        var fence = new string('`', LongestRun(code, '`') + 1);
        // One space is stripped from each end when both ends have one, so such code gets an extra space each side.
        var padding = code.StartsWith('`') || code.EndsWith('`') || (code.StartsWith(' ') && code.EndsWith(' ') && code.Trim().Length > 0)
            ? " "
            : string.Empty;
        return fence + padding + code + padding + fence;
    }

    /// <summary>A fenced code block whose fence cannot be closed early by backticks in the code.</summary>
    public static string CodeFence(string code, string? language)
    {
        var body = code.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        var fence = new string('`', Math.Max(3, LongestRun(body, '`') + 1));
        var info = language is null ? string.Empty : Whitespace().Replace(language.Trim(), "-").Replace("`", string.Empty, StringComparison.Ordinal);
        return body.Length == 0 ? $"{fence}{info}\n{fence}" : $"{fence}{info}\n{body}\n{fence}";
    }

    /// <summary>Prefixes the first line with <paramref name="firstLinePrefix"/> and indents the rest to match.</summary>
    public static string Indent(string block, string firstLinePrefix, string? continuationPrefix = null)
    {
        var indented = new StringBuilder(block.Length + 16);
        var rest = block.AsSpan();
        var first = true;
        while (true)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            if (first)
            {
                indented.Append(firstLinePrefix).Append(line);
            }
            else if (line.Length > 0)
            {
                if (continuationPrefix is null)
                {
                    indented.Append(' ', firstLinePrefix.Length);
                }
                else
                {
                    indented.Append(continuationPrefix);
                }

                indented.Append(line);
            }

            if (end < 0)
            {
                break;
            }

            indented.Append('\n');
            rest = rest[(end + 1)..];
            first = false;
        }

        return TrimEnd(indented, ' ').ToString();
    }

    /// <summary>Prefixes every line with a blockquote marker.</summary>
    public static string Quote(string block)
    {
        var quoted = new StringBuilder(block.Length + 16);
        var rest = block.AsSpan();
        while (true)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            quoted.Append(line.Length == 0 ? ">" : "> ").Append(line);
            if (end < 0)
            {
                return quoted.ToString();
            }

            quoted.Append('\n');
            rest = rest[(end + 1)..];
        }
    }

    /// <summary>
    /// Final pass: trims trailing spaces, collapses runs of blank lines and ends with one newline.
    /// Lines inside code fences are left exactly as written.
    /// </summary>
    public static string Tidy(string markdown)
    {
        var tidy = new StringBuilder(markdown.Length + 1);
        var openFence = ReadOnlySpan<char>.Empty;
        var previousBlank = true;
        var rest = markdown.AsSpan();
        while (true)
        {
            var end = rest.IndexOf('\n');
            var rawLine = end < 0 ? rest : rest[..end];
            var fence = FenceOf(rawLine.TrimStart());
            if (openFence.Length > 0)
            {
                if (fence.Length >= openFence.Length && fence[0] == openFence[0] && rawLine.Trim().Length == fence.Length)
                {
                    openFence = [];
                }

                tidy.Append(rawLine).Append('\n');
                previousBlank = false;
            }
            else if (rawLine.TrimEnd() is { Length: > 0 } line)
            {
                openFence = fence;
                tidy.Append(line).Append('\n');
                previousBlank = false;
            }
            else
            {
                if (!previousBlank)
                {
                    tidy.Append('\n');
                }

                previousBlank = true;
            }

            if (end < 0)
            {
                break;
            }

            rest = rest[(end + 1)..];
        }

        return TrimEnd(tidy, '\n').Length == 0 ? string.Empty : tidy.Append('\n').ToString();
    }

    /// <summary>The fence marker (a run of three or more backticks or tildes) a line starts with, or empty.</summary>
    public static string FenceOf(string trimmedLine) => FenceOf(trimmedLine.AsSpan()).ToString();

    /// <inheritdoc cref="FenceOf(string)"/>
    public static ReadOnlySpan<char> FenceOf(ReadOnlySpan<char> trimmedLine)
    {
        if (trimmedLine.Length < 3 || (trimmedLine[0] != '`' && trimmedLine[0] != '~'))
        {
            return [];
        }

        var run = 0;
        while (run < trimmedLine.Length && trimmedLine[run] == trimmedLine[0])
        {
            run++;
        }

        return run >= 3 ? trimmedLine[..run] : [];
    }

    private static StringBuilder TrimEnd(StringBuilder text, char trimmed)
    {
        while (text.Length > 0 && text[^1] == trimmed)
        {
            text.Length--;
        }

        return text;
    }

    /// <summary>Link destinations with spaces or parentheses need the angle-bracket form.</summary>
    public static string Destination(string url)
    {
        var encoded = url.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
        return encoded.IndexOfAny([' ', '(', ')']) >= 0 ? "<" + encoded + ">" : encoded;
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    [GeneratedRegex(@"^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")]
    private static partial Regex EntityLike();

    [GeneratedRegex(@"^\d{1,9}(?<delimiter>[.)])(\s|$)")]
    private static partial Regex OrderedListMarker();

    [GeneratedRegex(@"^([#>]|[-+](\s|$)|-{3,}|={3,})")]
    private static partial Regex BlockMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
