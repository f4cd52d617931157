namespace Platform.Confluence.Content;

/// <summary>The text a page shows, without markup: what Confluence matches an inline comment's selection against.</summary>
public static class StoragePlainText
{
    /// <exception cref="FormatException">The storage is not well-formed.</exception>
    public static string Of(string storage) => StorageXml.Parse(storage).Value;

    /// <summary>How often <paramref name="text"/> occurs in <paramref name="plainText"/>, overlapping occurrences included.</summary>
    public static int Occurrences(string plainText, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var count = 0;
        for (var i = plainText.IndexOf(text, StringComparison.Ordinal); i >= 0; i = plainText.IndexOf(text, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
