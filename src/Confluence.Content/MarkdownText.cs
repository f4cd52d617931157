using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Confluence.Content;

/// <summary>Escaping and layout helpers for the Markdown that <see cref="StorageToMarkdown"/> writes.</summary>
internal static partial class MarkdownText
{
    /// <summary>
    /// Escapes characters that would otherwise start Markdown syntax inside a line of text.
    /// Escapes only what is needed so that prose (and snake_case names) stays readable for models.
    /// </summary>
    public static string EscapeInline(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var previous = i > 0 ? text[i - 1] : ' ';
            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            var needsEscape = c switch
            {
                '\\' or '`' or '*' or '[' or ']' or '<' => true,
                // An underscore between letters or digits cannot open or close emphasis.
                '_' => !(char.IsLetterOrDigit(previous) && char.IsLetterOrDigit(next)),
                // A lone tilde is harmless, but one at a text edge may meet strikethrough markers or another tilde.
                '~' => previous == '~' || next == '~' || i == 0 || i == text.Length - 1,
                '&' => EntityLike().IsMatch(text.AsSpan(i)),
                _ => false,
            };
            if (needsEscape)
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
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
        continuationPrefix ??= new string(' ', firstLinePrefix.Length);
        var lines = block.Split('\n');
        var indented = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                indented.Append('\n');
            }

            if (i == 0)
            {
                indented.Append(firstLinePrefix).Append(lines[i]);
            }
            else if (lines[i].Length > 0)
            {
                indented.Append(continuationPrefix).Append(lines[i]);
            }
        }

        return indented.ToString().TrimEnd(' ');
    }

    /// <summary>Prefixes every line with a blockquote marker.</summary>
    public static string Quote(string block) =>
        string.Join('\n', block.Split('\n').Select(line => line.Length == 0 ? ">" : "> " + line));

    /// <summary>
    /// Final pass: trims trailing spaces, collapses runs of blank lines and ends with one newline.
    /// Lines inside code fences are left exactly as written.
    /// </summary>
    public static string Tidy(string markdown)
    {
        var tidy = new StringBuilder(markdown.Length);
        var openFence = string.Empty;
        var previousBlank = true;
        foreach (var rawLine in markdown.Split('\n'))
        {
            var fence = FenceOf(rawLine.TrimStart());
            if (openFence.Length > 0)
            {
                if (fence.Length >= openFence.Length && fence[0] == openFence[0] && rawLine.Trim().Length == fence.Length)
                {
                    openFence = string.Empty;
                }

                tidy.Append(rawLine).Append('\n');
                previousBlank = false;
                continue;
            }

            var line = rawLine.TrimEnd();
            if (line.Length == 0)
            {
                if (!previousBlank)
                {
                    tidy.Append('\n');
                }

                previousBlank = true;
                continue;
            }

            openFence = fence;
            tidy.Append(line).Append('\n');
            previousBlank = false;
        }

        var result = tidy.ToString().TrimEnd('\n');
        return result.Length == 0 ? string.Empty : result + "\n";
    }

    /// <summary>The fence marker (a run of three or more backticks or tildes) a line starts with, or empty.</summary>
    public static string FenceOf(string trimmedLine)
    {
        if (trimmedLine.Length < 3 || (trimmedLine[0] != '`' && trimmedLine[0] != '~'))
        {
            return string.Empty;
        }

        var run = 0;
        while (run < trimmedLine.Length && trimmedLine[run] == trimmedLine[0])
        {
            run++;
        }

        return run >= 3 ? trimmedLine[..run] : string.Empty;
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
