using System.Text.RegularExpressions;

namespace Platform.Confluence.Content;

/// <summary>
/// Finds the section under a heading: the blocks after it up to the next heading of the same or a higher level, within
/// the layout cell (or other container) the heading is in, since a column is a boundary a reader sees.
/// </summary>
internal static partial class PageSections
{
    private const int HeadingsListed = 40;

    public static (BlockRange? Range, string? Problem) Find(StorageDocument document, string heading, int? occurrence)
    {
        var wanted = Normalize(heading.TrimStart().TrimStart('#'));
        var headings = document.Blocks.Select((block, index) => (block, index)).Where(x => x.block.HeadingLevel > 0).ToList();
        var found = headings.Where(x => Normalize(Text(x.block)) == wanted || Plain(Text(x.block)) == Plain(wanted)).ToList();
        if (found.Count == 0)
        {
            var listed = headings.Take(HeadingsListed).Select(x => x.block.Markdown[0]);
            return (null, headings.Count == 0
                ? $"This page has no headings, so there is no section '{heading.Trim()}'; use update_page instead."
                : $"No heading '{heading.Trim()}' on this page. Its headings: {string.Join("; ", listed)}{(headings.Count > HeadingsListed ? "; …" : "")}.");
        }

        if (occurrence is null && found.Count > 1)
        {
            return (null, $"{found.Count} headings read '{heading.Trim()}'; pass 'occurrence' (1 to {found.Count}) to say which section you mean.");
        }

        if (occurrence is { } n && n > found.Count)
        {
            return (null, $"'occurrence' is {n}, but only {found.Count} heading(s) read '{heading.Trim()}'.");
        }

        var (headingBlock, headingIndex) = found[(occurrence ?? 1) - 1];
        var container = headingBlock.Container;
        var end = headingIndex + 1;
        while (end < document.Blocks.Count)
        {
            var next = document.Blocks[end];
            var inside = next.Start >= container.InnerStart && next.End <= container.InnerEnd;
            if (!inside || (next.HeadingLevel > 0 && next.HeadingLevel <= headingBlock.HeadingLevel))
            {
                break;
            }

            end++;
        }

        return (new BlockRange(headingIndex + 1, end, headingBlock.End), null);
    }

    /// <summary>Where the section's storage ends: at the next section's heading, or at the end of the heading's container.</summary>
    public static int EndOf(StorageDocument document, BlockRange range)
    {
        var container = document.Blocks[range.First - 1].Container;
        return range.End < document.Blocks.Count && document.Blocks[range.End] is { } next
            && next.Start >= container.InnerStart && next.End <= container.InnerEnd
            ? next.Start
            : container.InnerEnd;
    }

    private static string Text(StorageBlock heading) => heading.Markdown[0].TrimStart('#').Trim();

    private static string Normalize(string text) => Whitespace().Replace(text.Trim(), " ").ToUpperInvariant();

    /// <summary>The heading without Markdown emphasis, code marks or escapes, as a model may quote it.</summary>
    private static string Plain(string text) => Normalize(MarkdownMarks().Replace(text, ""));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[*_`\\]")]
    private static partial Regex MarkdownMarks();
}
