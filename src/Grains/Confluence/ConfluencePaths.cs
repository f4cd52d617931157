namespace Platform.Grains.Confluence;

/// <summary>Keeps a requested path inside the Confluence API root: no scheme, host, dot segments or escapes out of <c>wiki/</c>.</summary>
internal static class ConfluencePaths
{
    public static string Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var decodedPath = Uri.UnescapeDataString(path.Split('?', 2)[0]);
        var valid = path.StartsWith("wiki/", StringComparison.Ordinal)
            && path.All(c => c > ' ' && c < 0x7f && c != '\\' && c != '#')
            && !decodedPath.Contains("://", StringComparison.Ordinal)
            && !decodedPath.Contains(';', StringComparison.Ordinal)
            // No segment may start with a dot: this rejects "..", "." and servlet-style "..;" escapes alike.
            && !decodedPath.Split('/').Any(segment => segment.StartsWith('.'));
        return valid ? path : throw new ArgumentException($"'{path}' is not a Confluence API path under wiki/.", nameof(path));
    }
}
