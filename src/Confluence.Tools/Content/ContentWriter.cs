using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>
/// Updates of pages and blog posts. The version is the server's business: it reads the current version and writes
/// version+1. A concurrent edit (409) is reported with the version now current, never retried or overwritten.
/// </summary>
internal static class ContentWriter
{
    public sealed record Change(string? Title, BodyEdit? Body, int? ExpectedVersion, string? Message, string? ParentId = null);

    public static async Task<ToolOutcome> UpdateAsync(ConfluenceSession confluence, ContentKind kind, string id, Change change)
    {
        var subject = $"{kind.Noun} with id {id}";
        var current = await confluence.GetAsync(ConfluencePaths.With(kind.PathOf(id), ("body-format", "storage")), subject);
        var version = current.Int("version", "number") ?? 0;
        if (change.ExpectedVersion is { } expected && expected != version)
        {
            return Conflict(kind, id, version, $"you expected version {expected}");
        }
        var currentBody = current.Str("body", "storage", "value") ?? "";
        var newBody = currentBody;
        BodyEditSummary? summary = null;
        if (change.Body is { } edit)
        {
            var result = edit.ApplyTo(currentBody);
            if (result.Storage is null)
            {
                return ToolOutcome.ToolError(result.Refusal!, null);
            }
            newBody = result.Storage;
            summary = edit.BlockWise ? BodyEditSummary.From(result) : null;
        }
        var title = change.Title ?? current.Str("title");
        if (newBody == currentBody && title == current.Str("title") && change.ParentId is null)
        {
            return Unchanged(kind, current, summary);
        }
        var body = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["status"] = "current",
            ["title"] = title,
            // Confluence needs the body on every update; an unchanged one is sent back as it was read.
            ["body"] = new { representation = "storage", value = newBody },
            ["version"] = new { number = version + 1, message = change.Message ?? "" },
        };
        if (change.ParentId is not null)
        {
            body["parentId"] = change.ParentId;
        }
        JsonElement updated;
        try
        {
            updated = await confluence.SendAsync("PUT", kind.PathOf(id), body, subject);
        }
        catch (UpstreamFailureException e) when (e.Outcome.UpstreamStatus == 409)
        {
            var now = await confluence.GetAsync(kind.PathOf(id), subject);
            return Conflict(kind, id, now.Int("version", "number") ?? version, "someone else saved it while you were editing");
        }
        return Written($"Updated {kind.Noun}", updated, kind, summary);
    }

    public static ToolOutcome Written(string verb, JsonElement item, ContentKind kind, BodyEditSummary? edit = null)
    {
        var summary = ContentSummary.From(item, kind.Noun);
        var text = $"{verb} '{summary.Title}' (id {summary.Id}, now version {summary.Version}).{edit?.Sentence()}{(summary.WebUrl is null ? "" : " " + summary.WebUrl)}";
        return ToolOutcome.Success(text, Structured.Json(WriteResult.Of(summary, changed: true, edit)), 200);
    }

    /// <summary>Nothing differs from what is stored: no new version is made, so history stays free of empty edits.</summary>
    private static ToolOutcome Unchanged(ContentKind kind, JsonElement current, BodyEditSummary? edit)
    {
        var summary = ContentSummary.From(current, kind.Noun);
        var text = $"No change: {kind.Noun} '{summary.Title}' (id {summary.Id}) already has this title and body, so no version was written; it stays at version {summary.Version}.";
        return ToolOutcome.Success(text, Structured.Json(WriteResult.Of(summary, changed: false, edit)), 200);
    }

    private static ToolOutcome Conflict(ContentKind kind, string id, int currentVersion, string why) => ToolOutcome.ToolError(
        $"Conflict: {kind.Noun} {id} is now at version {currentVersion} ({why}). Nothing was changed. " +
        $"Read it again (current version {currentVersion}), reapply your change, and update with version={currentVersion}.", 409);
}
