namespace Platform.Confluence.Tools;

/// <summary>Media types whose bytes are text a model can read; everything else is refused rather than garbled.</summary>
internal static class TextMediaTypes
{
    private static readonly string[] TextApplicationTypes =
        ["application/json", "application/xml", "application/javascript", "application/x-yaml", "application/yaml", "application/csv", "application/x-sh", "application/sql"];

    public static bool IsText(string mediaType)
    {
        var bare = mediaType.Split(';')[0].Trim().ToLowerInvariant();
        return bare.StartsWith("text/", StringComparison.Ordinal) || bare.EndsWith("+json", StringComparison.Ordinal)
            || bare.EndsWith("+xml", StringComparison.Ordinal) || TextApplicationTypes.Contains(bare);
    }
}
