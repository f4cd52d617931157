namespace Platform.Confluence.Content;

/// <summary>
/// Finds where each element of a storage fragment sits in the original text. <see cref="StorageXml"/> parses the
/// fragment into a tree but forgets positions; edits that keep untouched blocks byte for byte need them. The scanner
/// knows only what decides element boundaries (tags, quoted attribute values, comments, CDATA, processing
/// instructions); the XML parser remains the judge of well-formedness.
/// </summary>
internal static class StorageScanner
{
    /// <summary>Element spans in document order (pre-order), the order of <c>XContainer.Descendants()</c>.</summary>
    /// <exception cref="FormatException">Tags do not nest.</exception>
    public static List<ElementSpan> Scan(string storage)
    {
        var spans = new List<ElementSpan>();
        var open = new Stack<(string Name, int Index)>();
        var position = 0;
        while (position < storage.Length)
        {
            var lt = storage.IndexOf('<', position);
            if (lt < 0)
            {
                break;
            }

            if (Starts(storage, lt, "<!--"))
            {
                position = After(storage, lt, "-->");
            }
            else if (Starts(storage, lt, "<![CDATA["))
            {
                position = After(storage, lt, "]]>");
            }
            else if (Starts(storage, lt, "<?") || Starts(storage, lt, "<!"))
            {
                position = After(storage, lt, ">");
            }
            else if (Starts(storage, lt, "</"))
            {
                var close = storage.IndexOf('>', lt);
                if (close < 0)
                {
                    throw new FormatException("Storage format is not well-formed: an end tag is not closed.");
                }

                var name = storage[(lt + 2)..close].Trim();
                if (open.Count == 0 || open.Peek().Name != name)
                {
                    throw new FormatException($"Storage format is not well-formed: unexpected end tag '{name}'.");
                }

                var (_, index) = open.Pop();
                spans[index] = spans[index] with { InnerEnd = lt, End = close + 1 };
                position = close + 1;
            }
            else
            {
                var (end, selfClosing) = EndOfStartTag(storage, lt);
                var name = NameAt(storage, lt + 1);
                spans.Add(new ElementSpan(name, lt, end, end, end));
                if (!selfClosing)
                {
                    open.Push((name, spans.Count - 1));
                }

                position = end;
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"Storage format is not well-formed: '{open.Peek().Name}' is not closed.");
        }

        return spans;
    }

    /// <summary>The position after the start tag's <c>&gt;</c>; quoted attribute values may hold <c>&gt;</c>.</summary>
    private static (int End, bool SelfClosing) EndOfStartTag(string storage, int lt)
    {
        char? quote = null;
        for (var i = lt + 1; i < storage.Length; i++)
        {
            var c = storage[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return (i + 1, storage[i - 1] == '/');
            }
        }

        throw new FormatException("Storage format is not well-formed: a start tag is not closed.");
    }

    private static string NameAt(string storage, int start)
    {
        var end = start;
        while (end < storage.Length && !char.IsWhiteSpace(storage[end]) && storage[end] is not ('>' or '/'))
        {
            end++;
        }

        return storage[start..end];
    }

    private static bool Starts(string storage, int at, string prefix) => string.CompareOrdinal(storage, at, prefix, 0, prefix.Length) == 0;

    private static int After(string storage, int from, string terminator)
    {
        var found = storage.IndexOf(terminator, from, StringComparison.Ordinal);
        return found < 0 ? throw new FormatException("Storage format is not well-formed: a comment, CDATA section or declaration is not closed.")
            : found + terminator.Length;
    }
}

/// <summary>
/// Where an element sits: <see cref="Start"/> at its <c>&lt;</c>, <see cref="InnerStart"/> after its start tag,
/// <see cref="InnerEnd"/> at its end tag, <see cref="End"/> after it (for an empty element all three coincide).
/// </summary>
internal sealed record ElementSpan(string Name, int Start, int InnerStart, int InnerEnd, int End);
