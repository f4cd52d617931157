using Platform.Confluence.Content;

namespace Platform.Confluence.Tools;

/// <summary>What a body edit did: blocks kept byte for byte, old blocks rewritten, Markdown blocks written, losses confirmed.</summary>
internal sealed record BodyEditSummary(int UnchangedBlocks, int RewrittenBlocks, int WrittenMarkdownBlocks, IReadOnlyList<string> ConfirmedLosses)
{
    public static BodyEditSummary From(MarkdownEditResult edit) =>
        new(edit.UnchangedBlocks, edit.RewrittenBlocks, edit.WrittenMarkdownBlocks, edit.Losses);

    public string Sentence() =>
        $" Kept {UnchangedBlocks} block(s) byte-identical, rewrote {RewrittenBlocks} from {WrittenMarkdownBlocks} Markdown block(s)." +
        (ConfirmedLosses.Count == 0 ? "" : $" Removed as confirmed: {string.Join("; ", ConfirmedLosses)}.");
}
