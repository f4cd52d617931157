namespace Platform.Confluence.Tools;

/// <summary>Confluence label names: lower-case, no spaces.</summary>
internal static class LabelName
{
    public static string? Problem(string argument, string name) =>
        name.Any(char.IsWhiteSpace) ? $"'{argument}' must not contain spaces (use '-' or '_'): \"{name}\"" : null;
}
