namespace Platform.Confluence.Tools;

/// <summary>
/// Structured result of a create, update or move: what a follow-up call needs, whether a version was written, and for
/// body edits what was kept and rewritten.
/// </summary>
internal sealed record WriteResult(string Id, string Title, int? Version, string? SpaceId, string? ParentId, string? WebUrl, bool Changed,
    BodyEditSummary? BodyEdit)
{
    public static WriteResult Of(ContentSummary summary, bool changed, BodyEditSummary? edit) =>
        new(summary.Id, summary.Title, summary.Version, summary.SpaceId, summary.ParentId, summary.WebUrl, changed, edit);
}
