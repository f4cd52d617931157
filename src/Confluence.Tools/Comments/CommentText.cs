using System.Text;

namespace Platform.Confluence.Tools;

/// <summary>A comment as Markdown: its id, who, when, what it replies to or is anchored on, and its body.</summary>
internal static class CommentText
{
    public static string Render(CommentItem comment, int depth)
    {
        var text = new StringBuilder().Append(new string('#', Math.Min(3 + depth, 6))).Append(" Comment ").Append(comment.Id)
            .Append(" (").Append(comment.Kind == CommentKind.Footer ? "footer" : "inline").Append(", by ").Append(comment.AuthorId).Append(", ").Append(comment.CreatedAt);
        if (comment.ParentCommentId is { } parent)
        {
            text.Append(", reply to ").Append(parent);
        }
        if (comment.ResolutionStatus is { } resolution)
        {
            text.Append(", ").Append(resolution);
        }
        text.AppendLine(")");
        if (comment.Selection is { } selection && comment.ParentCommentId is null)
        {
            text.Append("On the text: \"").Append(selection).AppendLine("\"");
        }
        return text.AppendLine().AppendLine(comment.Body).ToString();
    }
}
