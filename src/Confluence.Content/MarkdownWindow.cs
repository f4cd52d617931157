namespace Platform.Confluence.Content;

/// <summary>A bounded piece of a Markdown text, as returned by <see cref="ContentTruncation.Truncate"/>.</summary>
/// <param name="Text">The Markdown to show, ending with a truncation marker when more follows.</param>
/// <param name="Offset">Where in the full text this piece starts.</param>
/// <param name="NextOffset">Where the next piece starts, or null when this piece reaches the end.</param>
/// <param name="TotalLength">Length of the full text in characters.</param>
public sealed record MarkdownWindow(string Text, int Offset, int? NextOffset, int TotalLength)
{
    public bool IsTruncated => NextOffset is not null;
}
