using System.Text;

namespace Platform.Audit;

/// <summary>
/// Makes any text storable in an audit row: at most a given length (cut with "…", never inside a surrogate pair), tabs
/// and line breaks as spaces, and every other control character (U+0000, which PostgreSQL <c>text</c> refuses, above
/// all), bidirectional override, and unpaired surrogate (which no UTF-8 encoder accepts) as U+FFFD, so the row still
/// shows that something was there.
/// </summary>
internal static class AuditText
{
    private const char Replacement = '\uFFFD';
    private const char Ellipsis = '…';

    public static string? Bound(string? value, int maxChars)
    {
        if (value is null || (value.Length <= maxChars && !NeedsCleaning(value)))
        {
            return value;
        }

        var keep = value.Length <= maxChars ? value.Length : maxChars - 1;
        if (keep < value.Length && keep > 0 && char.IsHighSurrogate(value[keep - 1]) && char.IsLowSurrogate(value[keep]))
        {
            keep--;
        }

        var text = new StringBuilder(keep + 1);
        for (var i = 0; i < keep; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < keep && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else
            {
                text.Append(Clean(c));
            }
        }

        return keep < value.Length ? text.Append(Ellipsis).ToString() : text.ToString();
    }

    private static bool NeedsCleaning(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (Clean(c) != c)
            {
                return true;
            }
        }

        return false;
    }

    private static char Clean(char c) => c switch
    {
        '\t' or '\n' or '\r' => ' ',
        _ when char.IsControl(c) || char.IsSurrogate(c) || IsBidirectionalControl(c) => Replacement,
        _ => c,
    };

    // Embeddings, overrides and isolates reorder what a log viewer shows ("Trojan source").
    private static bool IsBidirectionalControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
