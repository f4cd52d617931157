namespace Platform.Confluence.Content;

/// <summary>
/// The outcome of a <see cref="MarkdownEdit"/>: the new storage, or why nothing can be written.
/// </summary>
/// <param name="Storage">The whole new body; null when the edit was refused.</param>
/// <param name="Refusal">What would have been lost or could not be placed, and what to do instead; null when applied.</param>
/// <param name="UnchangedBlocks">Blocks whose storage was kept byte for byte.</param>
/// <param name="RewrittenBlocks">Old blocks replaced or removed.</param>
/// <param name="WrittenMarkdownBlocks">Markdown blocks converted to storage in their place or added.</param>
/// <param name="Losses">What was given up with the caller's confirmation (empty otherwise).</param>
public sealed record MarkdownEditResult(
    string? Storage, string? Refusal, int UnchangedBlocks, int RewrittenBlocks, int WrittenMarkdownBlocks, IReadOnlyList<string> Losses)
{
    public bool IsApplied => Storage is not null;

    internal static MarkdownEditResult Refused(string refusal) => new(null, refusal, 0, 0, 0, []);
}
