using System.Globalization;
using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;

namespace Platform.Confluence.Content;

/// <summary>Walks a Markdig syntax tree and writes storage format; one instance per document (it numbers tasks).</summary>
internal sealed partial class StorageWriter(int firstTaskId)
{
    private readonly StringBuilder _storage = new();
    private int _nextTaskId = firstTaskId;

    public int NextTaskId => _nextTaskId;

    public string Write(MarkdownDocument document)
    {
        WriteBlocks(document);
        return _storage.ToString();
    }

    private void WriteBlocks(ContainerBlock container, bool tight = false)
    {
        foreach (var block in container)
        {
            WriteBlock(block, tight);
        }
    }

    private void WriteBlock(Block block, bool tight)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var level = Math.Clamp(heading.Level, 1, 6).ToString(CultureInfo.InvariantCulture);
                _storage.Append("<h").Append(level).Append('>');
                WriteInlines(heading.Inline);
                _storage.Append("</h").Append(level).Append(">\n");
                break;
            case ParagraphBlock paragraph when tight:
                // Tight list items hold their text directly, as the Confluence editor writes them.
                WriteInlines(paragraph.Inline);
                break;
            case ParagraphBlock paragraph:
                _storage.Append("<p>");
                WriteInlines(paragraph.Inline);
                _storage.Append("</p>\n");
                break;
            case ListBlock list when IsTaskList(list):
                WriteTaskList(list);
                break;
            case ListBlock list:
                WriteList(list);
                break;
            case QuoteBlock quote:
                if (!TryWritePanelMacro(quote))
                {
                    _storage.Append("<blockquote>");
                    WriteBlocks(quote);
                    _storage.Append("</blockquote>\n");
                }

                break;
            case CodeBlock code:
                WriteCodeMacro(code);
                break;
            case ThematicBreakBlock:
                _storage.Append("<hr />\n");
                break;
            case Table table:
                WriteTable(table);
                break;
            case HtmlBlock html:
                // Unreachable with DisableHtml; kept so a pipeline change can never pass raw HTML through.
                _storage.Append("<p>").Append(StorageText.Escape(html.Lines.ToString())).Append("</p>\n");
                break;
            case LinkReferenceDefinitionGroup:
                break;
            case ContainerBlock other:
                WriteBlocks(other, tight);
                break;
            case LeafBlock leaf:
                _storage.Append("<p>");
                if (leaf.Inline is not null)
                {
                    WriteInlines(leaf.Inline);
                }
                else
                {
                    _storage.Append(StorageText.Escape(leaf.Lines.ToString()));
                }

                _storage.Append("</p>\n");
                break;
        }
    }

    private void WriteList(ListBlock list)
    {
        var ordered = list.IsOrdered;
        _storage.Append(ordered ? "<ol" : "<ul");
        if (ordered && int.TryParse(list.OrderedStart, out var start) && start != 1)
        {
            _storage.Append(" start=\"").Append(start.ToString(CultureInfo.InvariantCulture)).Append('"');
        }

        _storage.Append('>');
        foreach (var item in list.OfType<ListItemBlock>())
        {
            _storage.Append("<li>");
            WriteBlocks(item, tight: !list.IsLoose);
            _storage.Append("</li>");
        }

        _storage.Append(ordered ? "</ol>\n" : "</ul>\n");
    }

    private static bool IsTaskList(ListBlock list) =>
        !list.IsOrdered && list.Count > 0 && list.OfType<ListItemBlock>().All(item =>
            item.FirstOrDefault() is ParagraphBlock { Inline.FirstChild: TaskList });

    /// <summary>Nested task lists sit beside their parent task; other nested content goes in the task body.</summary>
    private void WriteTaskList(ListBlock list)
    {
        _storage.Append("<ac:task-list>\n");
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var paragraph = (ParagraphBlock)item[0];
            var done = paragraph.Inline!.FirstChild is TaskList { Checked: true };
            _storage.Append("<ac:task><ac:task-id>").Append(_nextTaskId++.ToString(CultureInfo.InvariantCulture))
                .Append("</ac:task-id><ac:task-status>").Append(done ? "complete" : "incomplete")
                .Append("</ac:task-status><ac:task-body>");
            var bodyStart = _storage.Length;
            foreach (var inline in paragraph.Inline.Skip(1))
            {
                WriteInline(inline, inTableCell: false);
            }

            TrimStartFrom(bodyStart);
            var nestedTaskLists = new List<ListBlock>();
            foreach (var nested in item.Skip(1))
            {
                if (nested is ListBlock nestedList && IsTaskList(nestedList))
                {
                    nestedTaskLists.Add(nestedList);
                }
                else
                {
                    WriteBlock(nested, tight: false);
                }
            }

            _storage.Append("</ac:task-body></ac:task>\n");
            nestedTaskLists.ForEach(WriteTaskList);
        }

        _storage.Append("</ac:task-list>\n");
    }

    private void WriteCodeMacro(CodeBlock code)
    {
        var language = code is FencedCodeBlock fenced ? fenced.Info?.Trim() : null;
        _storage.Append("<ac:structured-macro ac:name=\"code\" ac:schema-version=\"1\">");
        if (!string.IsNullOrEmpty(language))
        {
            _storage.Append("<ac:parameter ac:name=\"language\">").Append(StorageText.Escape(language)).Append("</ac:parameter>");
        }

        _storage.Append("<ac:plain-text-body>").Append(StorageText.CData(code.Lines.ToString()))
            .Append("</ac:plain-text-body></ac:structured-macro>\n");
    }

    private void WriteTable(Table table)
    {
        var columns = Math.Max(table.ColumnDefinitions.Count, table.OfType<TableRow>().Select(row => row.Count).DefaultIfEmpty(0).Max());
        _storage.Append("<table><tbody>");
        foreach (var row in table.OfType<TableRow>())
        {
            var tag = row.IsHeader ? "th" : "td";
            _storage.Append("<tr>");
            var cells = row.OfType<TableCell>().ToList();
            for (var c = 0; c < columns; c++)
            {
                _storage.Append('<').Append(tag).Append('>');
                if (c < cells.Count)
                {
                    foreach (var leaf in cells[c].OfType<LeafBlock>())
                    {
                        WriteInlines(leaf.Inline, inTableCell: true);
                    }
                }

                _storage.Append("</").Append(tag).Append('>');
            }

            _storage.Append("</tr>");
        }

        _storage.Append("</tbody></table>\n");
    }

    private void TrimStartFrom(int start)
    {
        var end = start;
        while (end < _storage.Length && _storage[end] == ' ')
        {
            end++;
        }

        _storage.Remove(start, end - start);
    }
}
