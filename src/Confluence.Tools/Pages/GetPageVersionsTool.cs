using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record GetPageVersionsArguments(
    [Description("Numeric id of the page.")][NumericId] string PageId,
    [Description("Versions per call, 1 to 250 (default 25).")][Range(1, 250)] int Limit = 25,
    [Description("The cursor a previous call returned, to get older versions.")] string? Cursor = null);

/// <summary>The version history of a page: who changed it, when, and with what message.</summary>
internal sealed class GetPageVersionsTool() : ConfluenceTool<GetPageVersionsArguments>(
    "get_page_versions",
    "Get a page's version history",
    "Lists the versions of a page, newest first: version number, date, author account id, minor-edit flag and message. " +
    "Returns a cursor when more versions exist. See what a version changed with diff_page_versions.",
    ToolAccess.Read, idempotent: true, ["read:page:confluence"], ToolSchemas.For<VersionListResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetPageVersionsArguments arguments, ConfluenceSession confluence)
    {
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}/versions",
            ("limit", arguments.Limit), ("cursor", arguments.Cursor), ("sort", "-modified-date")), $"page with id {arguments.PageId}");
        var versions = answer.Results().Select(v => new VersionItem(v.Int("number"), v.Str("createdAt"), v.Str("authorId"), v.Str("minorEdit") == "true", v.Str("message") ?? "")).ToList();
        var lines = versions.Select(v =>
            $"- version {v.Number} · {v.CreatedAt} · by {v.AuthorId}{(v.MinorEdit ? " · minor edit" : "")}" + (v.Message.Length == 0 ? "" : $" · \"{v.Message}\"")).ToList();
        var next = ConfluencePaths.NextCursor(answer);
        return ToolOutcome.Success(ListText.Render($"Versions of page {arguments.PageId}", lines, next, "No versions."),
            Structured.Json(new VersionListResult(arguments.PageId, versions, next)), 200);
    }
}
