using System.Text;

namespace Platform.Confluence.Tools;

/// <summary>Markdown for a page of list results, ending with how to get the next page.</summary>
internal static class ListText
{
    public static string Render(string heading, IReadOnlyList<string> lines, string? nextCursor, string emptyText)
    {
        var builder = new StringBuilder().AppendLine(heading).AppendLine();
        if (lines.Count == 0)
        {
            builder.AppendLine(emptyText);
        }
        foreach (var line in lines)
        {
            builder.AppendLine(line);
        }
        if (nextCursor is not null)
        {
            builder.AppendLine().Append("More results: call again with cursor=\"").Append(nextCursor).AppendLine("\".");
        }
        return builder.ToString().TrimEnd() + "\n";
    }
}
