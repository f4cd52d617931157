using System.Text;
using System.Xml.Linq;

namespace Platform.Confluence.Content;

public static partial class StorageToMarkdown
{
    /// <summary>
    /// A GitHub pipe table when the table fits one (no merged cells, no nested tables, no lists or code in cells);
    /// otherwise a compact HTML table that keeps the merges and every cell's content.
    /// </summary>
    private static string RenderTable(XElement table)
    {
        var rows = Rows(table).Select(row => row.Elements().Where(IsCell).ToList()).Where(cells => cells.Count > 0).ToList();
        if (rows.Count == 0)
        {
            return string.Empty;
        }

        var rendered = rows.Select(cells => cells.Select(cell => RenderBlocks(cell.Nodes())).ToList()).ToList();
        var fitsPipeTable = rows.SelectMany(cells => cells).All(cell => Span(cell, "colspan") == 1 && Span(cell, "rowspan") == 1
                && !cell.Descendants().Any(d => d.Name.LocalName == "table"))
            && rendered.SelectMany(cells => cells).SelectMany(blocks => blocks).All(IsPlainParagraph);

        if (table.Ancestors().Any(ancestor => ancestor.Name.LocalName == "table"))
        {
            // A table inside a cell must stay on the cell's one line.
            return HtmlTable(rows, rendered).Replace("\n", string.Empty, StringComparison.Ordinal);
        }

        return fitsPipeTable ? PipeTable(rows, rendered) : HtmlTable(rows, rendered);
    }

    private static IEnumerable<XElement> Rows(XElement table) =>
        table.Elements().SelectMany(child => child.Name.LocalName switch
        {
            "tr" => [child],
            "thead" or "tbody" or "tfoot" => child.Elements().Where(e => e.Name.LocalName == "tr"),
            _ => [],
        });

    private static bool IsCell(XElement element) => element.Name.LocalName is "td" or "th";

    private static int Span(XElement cell, string attribute) =>
        int.TryParse(cell.Attribute(attribute)?.Value, out var span) && span > 1 ? span : 1;

    private static string PipeTable(List<List<XElement>> rows, List<List<List<string>>> rendered)
    {
        var columns = rows.Max(cells => cells.Count);
        var table = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            var texts = new List<string>();
            for (var c = 0; c < columns; c++)
            {
                var text = c < rows[r].Count ? CellText(rendered[r][c]).Replace("|", "\\|", StringComparison.Ordinal) : string.Empty;
                // The first row is the header either way; header cells further down stay recognisable in bold.
                var isLaterHeaderCell = r > 0 && c < rows[r].Count && rows[r][c].Name.LocalName == "th";
                texts.Add(isLaterHeaderCell && text.Length > 0 ? $"**{text}**" : text);
            }

            table.Append("| ").AppendJoin(" | ", texts).Append(" |\n");
            if (r == 0)
            {
                table.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", columns))).Append('\n');
            }
        }

        return table.ToString().TrimEnd('\n');
    }

    private static string HtmlTable(List<List<XElement>> rows, List<List<List<string>>> rendered)
    {
        var table = new StringBuilder("<table>\n");
        for (var r = 0; r < rows.Count; r++)
        {
            table.Append("<tr>");
            for (var c = 0; c < rows[r].Count; c++)
            {
                var tag = rows[r][c].Name.LocalName;
                table.Append('<').Append(tag);
                AppendSpan(table, rows[r][c], "colspan");
                AppendSpan(table, rows[r][c], "rowspan");
                table.Append('>').Append(CellText(rendered[r][c])).Append("</").Append(tag).Append('>');
            }

            table.Append("</tr>\n");
        }

        return table.Append("</table>").ToString();
    }

    private static void AppendSpan(StringBuilder table, XElement cell, string attribute)
    {
        var span = Span(cell, attribute);
        if (span > 1)
        {
            table.Append(' ').Append(attribute).Append("=\"").Append(span).Append('"');
        }
    }

    /// <summary>A cell's blocks on one line: paragraphs and line breaks become <c>&lt;br&gt;</c>.</summary>
    private static string CellText(List<string> blocks) =>
        string.Join("<br>", blocks)
            .Replace("\\\n", "<br>", StringComparison.Ordinal)
            .Replace("\n", "<br>", StringComparison.Ordinal);
}
