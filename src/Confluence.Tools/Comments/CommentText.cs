using System.Text;
using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>A comment as Markdown: who, which version, what it replies to or is anchored on, and its body.</summary>
internal static class CommentText
{
    public static string Render(JsonElement comment, CommentKind kind)
    {
        var text = new StringBuilder().Append("### Comment ").Append(comment.Str("id")).Append(" (").Append(kind == CommentKind.Footer ? "footer" : "inline")
            .Append(", by ").Append(comment.Str("version", "authorId")).Append(", ").Append(comment.Str("version", "createdAt"));
        if (comment.Str("parentCommentId") is { } parent)
        {
            text.Append(", reply to ").Append(parent);
        }
        if (comment.Str("resolutionStatus") is { } resolution)
        {
            text.Append(", ").Append(resolution);
        }
        text.AppendLine(")");
        if (comment.Str("properties", "inlineOriginalSelection") is { Length: > 0 } selection)
        {
            text.Append("On the text: \"").Append(selection).AppendLine("\"");
        }
        var body = BodyText.Read(comment.Str("body", "storage", "value") ?? "", ContentFormat.Markdown, 0);
        return text.AppendLine().AppendLine(body.Text.Trim()).ToString();
    }
}
