using System.Globalization;

namespace Platform.Confluence.Content;

/// <summary>
/// Cuts Markdown to a character budget so tool results stay bounded. Cuts fall on a paragraph, line or word
/// boundary, never leave a code fence open, and end with a marker telling the model which offset to ask for next.
/// </summary>
public static class ContentTruncation
{
    /// <summary>
    /// Returns at most <paramref name="maxCharacters"/> characters of <paramref name="markdown"/> starting at
    /// <paramref name="offset"/>. The budget counts source characters; a closing fence, a reopened fence and the
    /// marker line are added on top (together well under 200 characters).
    /// </summary>
    public static MarkdownWindow Truncate(string markdown, int maxCharacters, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCharacters);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, markdown.Length);

        // A piece that starts inside a code block reopens its fence so the code still reads as code.
        var reopened = OpenFenceAt(markdown, offset) is { } startFence ? startFence.Line + "\n" : string.Empty;

        if (markdown.Length - offset <= maxCharacters)
        {
            return new MarkdownWindow(reopened + markdown[offset..], offset, NextOffset: null, markdown.Length);
        }

        var cut = SafeCut(markdown, offset, maxCharacters);
        var closing = string.Empty;
        if (OpenFenceAt(markdown, cut) is { } fence)
        {
            if (fence.Start > offset)
            {
                cut = fence.Start;
            }
            else
            {
                closing = "\n" + fence.Marker;
            }
        }

        var marker = string.Create(CultureInfo.InvariantCulture,
            $"\n\n[truncated: showing characters {offset}-{cut} of {markdown.Length}; continue with offset={cut}]");
        var text = reopened + markdown[offset..cut].TrimEnd('\n') + closing + marker;
        return new MarkdownWindow(text, offset, cut, markdown.Length);
    }

    /// <summary>The latest paragraph, line or word boundary in the second half of the budget; a hard cut otherwise.</summary>
    private static int SafeCut(string markdown, int offset, int maxCharacters)
    {
        var limit = offset + maxCharacters;
        var earliest = offset + (maxCharacters / 2);
        foreach (var boundary in new[] { "\n\n", "\n", " " })
        {
            var found = markdown.LastIndexOf(boundary, limit - 1, limit - offset, StringComparison.Ordinal);
            if (found >= 0 && found + boundary.Length > earliest && found + boundary.Length <= limit)
            {
                return found + boundary.Length;
            }
        }

        // Never split a surrogate pair.
        return char.IsHighSurrogate(markdown[limit - 1]) ? limit - 1 : limit;
    }

    /// <summary>The code fence open at <paramref name="position"/>, judged from the lines that start before it.</summary>
    private static OpenFence? OpenFenceAt(string markdown, int position)
    {
        OpenFence? open = null;
        var lineStart = 0;
        while (lineStart < position)
        {
            var lineEnd = markdown.IndexOf('\n', lineStart);
            var line = lineEnd < 0 ? markdown[lineStart..] : markdown[lineStart..lineEnd];
            var fenceMarker = MarkdownText.FenceOf(line.TrimStart());
            if (open is null && fenceMarker.Length > 0)
            {
                open = new OpenFence(lineStart, line.TrimEnd(), line[..(line.Length - line.TrimStart().Length)] + fenceMarker);
            }
            else if (open is not null && fenceMarker.Length > 0 && line.Trim() == fenceMarker
                && fenceMarker[0] == open.Marker.Trim()[0] && fenceMarker.Length >= open.Marker.Trim().Length)
            {
                open = null;
            }

            if (lineEnd < 0)
            {
                break;
            }

            lineStart = lineEnd + 1;
        }

        return open;
    }

    /// <summary>A fence opened at <paramref name="Start"/> by <paramref name="Line"/>, closed by <paramref name="Marker"/>.</summary>
    private sealed record OpenFence(int Start, string Line, string Marker);
}
