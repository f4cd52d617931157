using System.Text;

namespace Platform.Confluence.Content;

/// <summary>
/// Accumulates inline Markdown the way a browser lays out inline XHTML: runs of whitespace collapse to one space,
/// and hard breaks are kept as a marker until the surrounding block decides how to write them.
/// </summary>
internal sealed class InlineBuilder
{
    /// <summary>Stands for a <c>&lt;br/&gt;</c>: a backslash break in a paragraph, <c>&lt;br&gt;</c> in a table cell.</summary>
    public const char HardBreak = '\uE000';

    private readonly StringBuilder _text = new();

    public bool IsEmpty => _text.Length == 0;

    public void Append(string inline)
    {
        if (inline.Length == 0)
        {
            return;
        }

        if (inline[0] == ' ' && (_text.Length == 0 || _text[^1] is ' ' or HardBreak))
        {
            inline = inline.TrimStart(' ');
        }

        _text.Append(inline);
    }

    public void AppendHardBreak()
    {
        TrimTrailingSpaces();
        _text.Append(HardBreak);
    }

    /// <summary>The collected text with leading and trailing spaces and breaks removed.</summary>
    public string Build() => _text.ToString().Trim(' ', HardBreak);

    public void Clear() => _text.Clear();

    private void TrimTrailingSpaces()
    {
        while (_text.Length > 0 && _text[^1] == ' ')
        {
            _text.Length--;
        }
    }
}
