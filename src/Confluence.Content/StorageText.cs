using System.Text;
using System.Xml;

namespace Platform.Confluence.Content;

/// <summary>XML escaping for the storage format that <see cref="MarkdownToStorage"/> writes.</summary>
internal static class StorageText
{
    /// <summary>Escapes text content and drops characters XML 1.0 cannot carry, so the output always parses.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                default:
                    if (IsXmlCharacter(rune))
                    {
                        escaped.Append(rune.ToString());
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Wraps text in CDATA; <c>]]&gt;</c> inside it is split across two sections because it would end the first.
    /// </summary>
    public static string CData(string text)
    {
        var valid = string.Concat(text.EnumerateRunes().Where(IsXmlCharacter).Select(rune => rune.ToString()));
        return "<![CDATA[" + valid.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal) + "]]>";
    }

    private static bool IsXmlCharacter(Rune rune) =>
        rune.IsBmp ? XmlConvert.IsXmlChar((char)rune.Value) && rune.Value != 0xFFFE : rune.Value <= 0x10FFFF;
}
