using System.Text;

namespace Platform.Grains.Refusals;

/// <summary>
/// Caller input quoted back in an error: at most <see cref="MaxLength"/> characters with an ellipsis, control characters
/// replaced, so no input comes back (or reaches a log line) unbounded or able to forge lines.
/// </summary>
public static class Echo
{
    public const int MaxLength = 100;

    public static string Quote(string? value) => value is null ? "(none)" : $"'{Cap(value, MaxLength)}'";

    /// <summary><paramref name="text"/> cut to <paramref name="maxLength"/> characters (the last an ellipsis), without control characters.</summary>
    public static string Cap(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Math.Min(text.Length, maxLength);
        var capped = new StringBuilder(length);
        foreach (var c in text.AsSpan(0, text.Length > maxLength ? maxLength - 1 : length))
        {
            capped.Append(char.IsControl(c) ? '\uFFFD' : c);
        }

        return text.Length > maxLength ? capped.Append('…').ToString() : capped.ToString();
    }
}
