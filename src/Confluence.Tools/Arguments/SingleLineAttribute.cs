namespace Platform.Confluence.Tools;

/// <summary>
/// Marks a title, name or label argument: one line of text. Control characters (line breaks, tabs, NUL…) in a title make
/// pages that cannot be found or linked by title, so they are refused before a call; the schema says so with a pattern.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
internal sealed class SingleLineAttribute : Attribute
{
    public const string Pattern = "^[^\\u0000-\\u001F\\u007F]*$";
}
