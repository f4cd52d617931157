using System.Text;

namespace Platform.Confluence.Tools;

/// <summary>
/// Quotes user text as a CQL string literal. Everything the user typed stays inside the quotes: backslashes and quotes
/// are escaped, so words such as <c>OR</c> or <c>) AND space = X</c> can never become CQL operators.
/// </summary>
internal static class CqlText
{
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }
            // Control characters (newlines included) would end the literal in some parsers; a space reads the same.
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        return builder.Append('"').ToString();
    }
}
