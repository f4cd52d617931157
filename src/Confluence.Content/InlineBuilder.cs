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

    // Rendering nests (a paragraph in a cell in a list in a panel), so each level rents its own builder; a thread's
    // few stay with it, so converting a page grows no new buffers once the thread has converted one.
    private const int MaxPooledPerThread = 16;
    private const int MaxPooledCapacity = 4096;

    [ThreadStatic]
    private static Stack<InlineBuilder>? pooled;

    private readonly StringBuilder _text = new();

    public static InlineBuilder Rent() => pooled is { } pool && pool.TryPop(out var builder) ? builder : new InlineBuilder();

    /// <summary>Gives the builder back to this thread's pool; it must not be used after.</summary>
    public void Return()
    {
        _text.Clear();
        pooled ??= new Stack<InlineBuilder>();
        if (pooled.Count < MaxPooledPerThread && _text.Capacity <= MaxPooledCapacity)
        {
            pooled.Push(this);
        }
    }

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
    public string Build()
    {
        var start = 0;
        var end = _text.Length;
        while (start < end && _text[start] is ' ' or HardBreak)
        {
            start++;
        }

        while (end > start && _text[end - 1] is ' ' or HardBreak)
        {
            end--;
        }

        return _text.ToString(start, end - start);
    }

    public void Clear() => _text.Clear();

    private void TrimTrailingSpaces()
    {
        while (_text.Length > 0 && _text[^1] == ' ')
        {
            _text.Length--;
        }
    }
}
