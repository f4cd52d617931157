using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>
/// Updates of pages and blog posts. The version is the server's business: it reads the current version and writes
/// version+1. A concurrent edit (409) is reported with the version now current, never retried or overwritten.
/// </summary>
internal static class ContentWriter
{
    public sealed record Change(string? Title, string? StorageBody, int? ExpectedVersion, string? Message, string? ParentId = null);

    public static async Task<ToolOutcome> UpdateAsync(ConfluenceSession confluence, ContentKind kind, string id, Change change)
    {
        var subject = $"{kind.Noun} with id {id}";
        var current = await confluence.GetAsync(ConfluencePaths.With(kind.PathOf(id), ("body-format", "storage")), subject);
        var version = current.Int("version", "number") ?? 0;
        if (change.ExpectedVersion is { } expected && expected != version)
        {
            return Conflict(kind, id, version, $"you expected version {expected}");
        }
        var body = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["status"] = "current",
            ["title"] = change.Title ?? current.Str("title"),
            // Confluence needs the body on every update; an unchanged one is sent back as it was read.
            ["body"] = new { representation = "storage", value = change.StorageBody ?? current.Str("body", "storage", "value") ?? "" },
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
        return Written($"Updated {kind.Noun}", updated, kind);
    }

    public static ToolOutcome Written(string verb, JsonElement item, ContentKind kind)
    {
        var summary = ContentSummary.From(item, kind.Noun);
        var text = $"{verb} '{summary.Title}' (id {summary.Id}, now version {summary.Version}).{(summary.WebUrl is null ? "" : " " + summary.WebUrl)}";
        return ToolOutcome.Success(text, Structured.Json(new WriteResult(summary.Id, summary.Title, summary.Version, summary.SpaceId, summary.ParentId, summary.WebUrl)), 200);
    }

    private static ToolOutcome Conflict(ContentKind kind, string id, int currentVersion, string why) => ToolOutcome.ToolError(
        $"Conflict: {kind.Noun} {id} is now at version {currentVersion} ({why}). Nothing was changed. " +
        $"Read it again (current version {currentVersion}), reapply your change, and update with version={currentVersion}.", 409);
}
