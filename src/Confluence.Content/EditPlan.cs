using System.Globalization;
using System.Text;

namespace Platform.Confluence.Content;

/// <summary>
/// Turns a block match into splices of the original storage text. Kept blocks are the anchors; between two of them
/// lie the blocks the model touched and the new Markdown that takes their place. When a gap has as many new Markdown
/// blocks as old ones, each old block is rewritten in place (a table keeps its own attributes and column widths);
/// otherwise the gap's new Markdown takes the place of its first block and the others are removed.
/// </summary>
internal sealed class EditPlan(StorageDocument document, BlockRange range, IReadOnlyList<EditPlan.OldBlockRef> old, int[] matches,
    IReadOnlyList<string> newBlocks, string references)
{
    private readonly List<(int Start, int End, string Text)> _splices = [];
    private readonly List<EditProblem> _problems = [];
    private int _nextTaskId;
    private bool _confirmLosses;

    /// <summary>A block of the current Markdown: the storage block it belongs to and what it converts to.</summary>
    internal sealed record OldBlockRef(int StorageBlock, string Key);

    public int TouchedBlocks { get; private set; }

    public int WrittenMarkdownBlocks { get; private set; }

    public List<string> Losses { get; } = [];

    public List<EditProblem> Build(bool confirmLosses)
    {
        _confirmLosses = confirmLosses;
        _nextTaskId = MaxTaskId(document.Storage) + 1;
        var byBlock = old.Select((o, index) => (o.StorageBlock, index)).GroupBy(x => x.StorageBlock)
            .ToDictionary(g => g.Key, g => g.Select(x => x.index).ToList());
        int? previousKept = null;
        var previousNewEnd = -1;
        var touched = new List<int>();
        for (var b = range.First; b < range.End; b++)
        {
            if (!byBlock.TryGetValue(b, out var indices))
            {
                continue;
            }

            var first = matches[indices[0]];
            var kept = indices.Select((o, i) => matches[o] >= 0 && matches[o] == first + i).All(x => x);
            if (!kept)
            {
                touched.Add(b);
                continue;
            }

            Gap(previousKept, b, touched, previousNewEnd + 1, first - 1);
            previousKept = b;
            previousNewEnd = matches[indices[^1]];
            touched = [];
        }

        Gap(previousKept, null, touched, previousNewEnd + 1, newBlocks.Count - 1);
        return _problems;
    }

    public string Apply()
    {
        var storage = document.Storage;
        var result = new StringBuilder(storage.Length + 256);
        var position = 0;
        foreach (var (start, end, text) in _splices.OrderBy(s => s.Start).ThenBy(s => s.End))
        {
            result.Append(storage, position, start - position).Append(text);
            position = end;
        }

        return result.Append(storage, position, storage.Length - position).ToString();
    }

    private void Gap(int? previousKept, int? nextKept, List<int> touched, int newFrom, int newTo)
    {
        var replacement = newFrom <= newTo ? newBlocks.Skip(newFrom).Take(newTo - newFrom + 1).ToList() : [];
        if (touched.Count == 0)
        {
            if (replacement.Count > 0)
            {
                var at = previousKept is { } p ? document.Blocks[p].End : nextKept is { } n ? document.Blocks[n].Start : range.InsertAt;
                _splices.Add((at, at, Convert(replacement)));
                WrittenMarkdownBlocks += replacement.Count;
            }

            return;
        }

        var oldCount = touched.Sum(t => document.Blocks[t].Markdown.Count);
        if (oldCount == replacement.Count)
        {
            RewriteInPlace(touched, replacement);
            return;
        }

        if (touched.Select(t => document.Blocks[t].Container).Distinct().Count() > 1)
        {
            var first = document.Blocks[touched[0]];
            _problems.Add(new EditProblem(Position(touched[0]), MarkdownEdit.Excerpt(first.Markdown[0]), null,
                $"Your Markdown adds or removes blocks across a boundary between layout columns or sections (around block {Position(touched[0])}, " +
                $"\"{MarkdownEdit.Excerpt(first.Markdown[0])}\"); Markdown does not show those boundaries, so the change cannot be placed. " +
                "Change the blocks of one column or section per update, or write storage with format=\"storage\"."));
            return;
        }

        foreach (var t in touched)
        {
            CheckLoss(t);
        }

        TouchedBlocks += touched.Count;
        WrittenMarkdownBlocks += replacement.Count;
        var firstBlock = document.Blocks[touched[0]];
        _splices.Add((firstBlock.Start, firstBlock.End, replacement.Count == 0 ? "" : Convert(replacement)));
        foreach (var t in touched.Skip(1))
        {
            _splices.Add((document.Blocks[t].Start, document.Blocks[t].End, ""));
        }
    }

    /// <summary>As many new blocks as old ones: each old block takes the new blocks in its place, unless they are the same.</summary>
    private void RewriteInPlace(List<int> touched, List<string> replacement)
    {
        var offset = 0;
        foreach (var t in touched)
        {
            var block = document.Blocks[t];
            var mine = replacement.Skip(offset).Take(block.Markdown.Count).ToList();
            offset += block.Markdown.Count;
            var oldKeys = old.Where(o => o.StorageBlock == t).Select(o => o.Key);
            if (oldKeys.SequenceEqual(mine.Select(text => MarkdownToStorage.Convert(text + references))))
            {
                continue;
            }

            CheckLoss(t);
            TouchedBlocks++;
            WrittenMarkdownBlocks += mine.Count;
            _splices.Add((block.Start, block.End, KeepTableFrame(block, Convert(mine))));
        }
    }

    private void CheckLoss(int blockIndex)
    {
        var block = document.Blocks[blockIndex];
        if (MarkdownFidelity.LossOf(document.Storage[block.Start..block.End]) is not { } loss)
        {
            return;
        }

        var excerpt = MarkdownEdit.Excerpt(block.Markdown[0]);
        if (_confirmLosses)
        {
            Losses.Add($"{loss} (block {Position(blockIndex)}, \"{excerpt}\")");
        }
        else
        {
            _problems.Add(new EditProblem(Position(blockIndex), excerpt, loss, loss));
        }
    }

    /// <summary>
    /// A table rewritten as a table keeps its start tag (layout, width, ids) and, with the same number of columns,
    /// its column widths: Markdown has no place for them, and the model did not mean to change them.
    /// </summary>
    private string KeepTableFrame(StorageBlock block, string converted)
    {
        if (block.Element is not { Name.LocalName: "table" } table || !converted.StartsWith("<table>", StringComparison.Ordinal)
            || !converted.EndsWith("</table>", StringComparison.Ordinal) || CountOf(converted, "<table") != 1)
        {
            return converted;
        }

        var span = table.Annotation<ElementSpan>()!;
        var frame = document.Storage[span.Start..span.InnerStart];
        if (table.Elements("colgroup").FirstOrDefault() is { } colgroup && colgroup.Annotation<ElementSpan>() is { } columns)
        {
            var firstRow = converted[..(converted.IndexOf("</tr>", StringComparison.Ordinal) + 1)];
            if (colgroup.Elements("col").Count() == CountOf(firstRow, "<th>") + CountOf(firstRow, "<td>"))
            {
                frame += document.Storage[columns.Start..columns.End];
            }
        }

        return frame + converted["<table>".Length..];
    }

    private string Convert(List<string> blocks)
    {
        var markdown = string.Join("\n\n", blocks) + references;
        return MarkdownToStorage.Convert(markdown, ref _nextTaskId).TrimEnd('\n');
    }

    /// <summary>The 1-based position of a block among the blocks the page shows, as a model would count them.</summary>
    private int Position(int blockIndex) => document.Blocks.Take(blockIndex + 1).Count(b => b.IsVisible);

    private static int MaxTaskId(string storage) =>
        MarkdownEdit.TaskId().Matches(storage).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
