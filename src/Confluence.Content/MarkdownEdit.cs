using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Chunkers;
using Markdig;
using Markdig.Syntax;

namespace Platform.Confluence.Content;

/// <summary>
/// Applies Markdown a model edited to the storage it was read from, changing only what the model changed.
/// The page's Markdown blocks are diffed against the new Markdown's blocks (two blocks are the same when they convert
/// to the same storage); blocks the model left alone keep their exact storage XML, and only changed or new blocks are
/// converted. A change to a block whose storage holds something Markdown cannot carry (a macro, an image's size, an
/// inline comment's anchor…) is refused, naming it, unless the caller confirms the loss.
/// </summary>
public static partial class MarkdownEdit
{
    private const int ExcerptLength = 80;

    /// <summary>Applies <paramref name="markdown"/> as the new Markdown of the whole body <paramref name="storage"/>.</summary>
    /// <exception cref="FormatException">The current storage is not well-formed.</exception>
    public static MarkdownEditResult Apply(string storage, string markdown, bool confirmLosses = false)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = StorageDocument.Parse(storage);
        var insertAt = document.Blocks.Count > 0 ? document.Blocks[0].End : storage.Length;
        return Edit(document, new BlockRange(0, document.Blocks.Count, insertAt), markdown, confirmLosses);
    }

    /// <summary>
    /// Applies <paramref name="markdown"/> as the new content under a heading (the heading itself stays): the blocks up
    /// to the next heading of the same or a higher level, within the heading's layout cell or container.
    /// </summary>
    /// <exception cref="FormatException">The current storage is not well-formed.</exception>
    public static MarkdownEditResult ApplyToSection(string storage, string heading, int? occurrence, string markdown, bool confirmLosses = false)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = StorageDocument.Parse(storage);
        var found = PageSections.Find(document, heading, occurrence);
        return found.Range is { } range ? Edit(document, range, markdown, confirmLosses) : MarkdownEditResult.Refused(found.Problem!);
    }

    /// <summary>Replaces the content under a heading with storage written by the caller, verbatim.</summary>
    /// <exception cref="FormatException">The current storage is not well-formed.</exception>
    public static MarkdownEditResult ReplaceSectionStorage(string storage, string heading, int? occurrence, string sectionStorage)
    {
        ArgumentNullException.ThrowIfNull(sectionStorage);
        var document = StorageDocument.Parse(storage);
        var found = PageSections.Find(document, heading, occurrence);
        if (found.Range is not { } range)
        {
            return MarkdownEditResult.Refused(found.Problem!);
        }

        var replaced = storage[..range.InsertAt] + sectionStorage + storage[PageSections.EndOf(document, range)..];
        var touched = document.Blocks.Skip(range.First).Take(range.End - range.First).Count(b => b.IsVisible);
        return new MarkdownEditResult(replaced, null, document.Blocks.Count(b => b.IsVisible) - touched, touched, 0, []);
    }

    private static MarkdownEditResult Edit(StorageDocument document, BlockRange range, string markdown, bool confirmLosses)
    {
        var references = ReferenceDefinitions(markdown, out var newBlocks);
        var old = new List<EditPlan.OldBlockRef>();
        for (var b = range.First; b < range.End; b++)
        {
            foreach (var text in document.Blocks[b].Markdown)
            {
                old.Add(new EditPlan.OldBlockRef(b, Key(text, references)));
            }
        }

        var newKeys = newBlocks.Select(text => Key(text, references)).ToList();
        var matches = Match(old.Select(o => o.Key).ToList(), newKeys);
        var plan = new EditPlan(document, range, old, matches, newBlocks, references);
        var problems = plan.Build(confirmLosses);
        if (problems.Count > 0)
        {
            return MarkdownEditResult.Refused(Refusal(problems));
        }

        var unchanged = document.Blocks.Count(b => b.IsVisible) - plan.TouchedBlocks;
        return new MarkdownEditResult(plan.Apply(), null, unchanged, plan.TouchedBlocks, plan.WrittenMarkdownBlocks, plan.Losses);
    }

    /// <summary>
    /// The new Markdown's top-level blocks as source text (each runs from its first line to the line before the next
    /// block); link reference definitions are returned apart, to be appended wherever a block is converted.
    /// </summary>
    private static string ReferenceDefinitions(string markdown, out List<string> blocks)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        // Markdig gathers the definitions into one group wherever they stand; each definition keeps its own line.
        var starts = Markdown.Parse(string.Join('\n', lines), MarkdownToStorage.Pipeline)
            .SelectMany(block => block is LinkReferenceDefinitionGroup group ? group.Cast<Block>() : [block])
            .OrderBy(block => block.Line).ToList();
        blocks = [];
        var references = new StringBuilder();
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1].Line : lines.Length;
            var text = string.Join('\n', lines[starts[i].Line..end]).TrimEnd();
            if (starts[i] is LinkReferenceDefinition)
            {
                references.Append("\n\n").Append(text);
            }
            else if (text.Length > 0)
            {
                blocks.Add(text);
            }
        }

        return references.ToString();
    }

    /// <summary>What a block stands for: the storage it converts to, so style-only rewrites of the Markdown still match.</summary>
    private static string Key(string markdownBlock, string references) => MarkdownToStorage.Convert(markdownBlock + references);

    /// <summary>For each old block, the index of the new block it matches, or -1 (a longest common subsequence, via DiffPlex).</summary>
    private static int[] Match(List<string> oldKeys, List<string> newKeys)
    {
        var matched = Enumerable.Repeat(-1, oldKeys.Count).ToArray();
        if (oldKeys.Count == 0 || newKeys.Count == 0)
        {
            return matched;
        }

        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        string Token(string key) => tokens.TryGetValue(key, out var token) ? token : tokens[key] = "b" + tokens.Count.ToString(CultureInfo.InvariantCulture);
        var oldText = string.Join('\n', oldKeys.Select(Token));
        var newText = string.Join('\n', newKeys.Select(Token));
        var diff = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, new LineChunker());
        int a = 0, b = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++, b++)
            {
                matched[a] = b;
            }

            a += block.DeleteCountA;
            b += block.InsertCountB;
        }

        for (; a < oldKeys.Count && b < newKeys.Count; a++, b++)
        {
            matched[a] = b;
        }

        return matched;
    }

    private static string Refusal(List<EditProblem> problems)
    {
        var text = new StringBuilder("Nothing was saved. ");
        var losses = problems.Where(p => p.Loss is not null).ToList();
        if (losses.Count > 0)
        {
            text.Append(losses.Count == 1 ? "Your Markdown changes a block" : $"Your Markdown changes {losses.Count} blocks")
                .Append(" whose storage holds something Markdown cannot carry, so writing ")
                .Append(losses.Count == 1 ? "it" : "them").Append(" back from Markdown would lose it: ")
                .AppendJoin("; ", losses.Select(p => $"block {p.Position} (\"{p.Excerpt}\"): {p.Loss}"))
                .Append(". Leave such blocks exactly as get_page showed them; to change them, read the page with format=\"storage\" and " +
                    "write storage, or replace only the section you mean with update_page_section. If losing this is intended, call again with " +
                    "confirmLosses=true. ");
        }

        foreach (var problem in problems.Where(p => p.Loss is null))
        {
            text.Append(problem.Message).Append(' ');
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The first line of a block's Markdown, shortened, to point at it in a message.</summary>
    internal static string Excerpt(string markdown)
    {
        var line = markdown.Split('\n')[0];
        return line.Length <= ExcerptLength ? line : line[..ExcerptLength] + "…";
    }

    [GeneratedRegex(@"<ac:task-id>\s*(\d{1,9})\s*</ac:task-id>")]
    internal static partial Regex TaskId();
}

/// <summary>Blocks <see cref="First"/> up to <see cref="End"/> (exclusive) of a document; new content goes to <see cref="InsertAt"/> when no block there is kept.</summary>
internal sealed record BlockRange(int First, int End, int InsertAt);

/// <summary>Why a change cannot be applied: a loss (with where) or another problem with the edit.</summary>
internal sealed record EditProblem(int Position, string Excerpt, string? Loss, string Message);
