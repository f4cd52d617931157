using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Renderer;
using Platform.Confluence.Content;

namespace Platform.Confluence.Tools;

internal sealed record DiffPageVersionsArguments(
    [Description("Numeric id of the page.")][NumericId] string PageId,
    [Description("The older version to compare; default: the version before 'toVersion'.")][Range(1, int.MaxValue)] int? FromVersion = null,
    [Description("The newer version to compare; default: the current version.")][Range(1, int.MaxValue)] int? ToVersion = null,
    [Description("\"markdown\" (default) compares the pages as Markdown; \"storage\" compares the storage XHTML line by line.")] ContentFormat Format = ContentFormat.Markdown,
    [Description("Unchanged lines shown around each change, 0 to 20 (default 3).")][Range(0, 20)] int ContextLines = 3);

/// <summary>What changed between two versions of a page, as a unified diff.</summary>
internal sealed class DiffPageVersionsTool() : ConfluenceTool<DiffPageVersionsArguments>(
    "diff_page_versions",
    "Compare two versions of a page",
    "Shows what changed in a page between two versions as a unified diff ('-' removed, '+' added lines) of its Markdown (or storage), " +
    "plus title changes. Defaults compare the current version with the one before it. Use get_page_versions to find version numbers and " +
    "who made them; use get_page with a version-free call to read the current text. Long diffs are cut at about 20,000 characters.",
    ToolAccess.Read, idempotent: true, ["read:page:confluence"], ToolSchemas.For<PageDiffResult>())
{
    private protected override string? Check(DiffPageVersionsArguments arguments) =>
        arguments is { FromVersion: { } from, ToVersion: { } to } && from >= to ? "'fromVersion' must be lower than 'toVersion'" : null;

    private protected override async Task<ToolOutcome> ExecuteAsync(DiffPageVersionsArguments arguments, ConfluenceSession confluence)
    {
        var to = await ReadAsync(confluence, arguments.PageId, arguments.ToVersion);
        var toVersion = to.Int("version", "number") ?? 1;
        var fromVersion = arguments.FromVersion ?? toVersion - 1;
        if (fromVersion < 1)
        {
            return ToolOutcome.ToolError($"Page {arguments.PageId} has only version {toVersion}; there is nothing older to compare with.", null);
        }
        if (fromVersion >= toVersion)
        {
            return ToolOutcome.ToolError($"'fromVersion' {fromVersion} is not older than version {toVersion}.", null);
        }
        var from = await ReadAsync(confluence, arguments.PageId, fromVersion);
        var oldText = Text(from, arguments.Format);
        var newText = Text(to, arguments.Format);
        var diff = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, new LineChunker());
        var unified = new UnidiffRenderer(Differ.Instance, arguments.ContextLines).Generate(diff,
            $"version {fromVersion}", $"version {toVersion}").TrimEnd();
        var added = diff.DiffBlocks.Sum(b => b.InsertCountB);
        var removed = diff.DiffBlocks.Sum(b => b.DeleteCountA);
        var truncated = unified.Length > BodyText.WindowCharacters;
        var shown = truncated ? ContentTruncation.Truncate(unified, BodyText.WindowCharacters).Text : unified;
        var (oldTitle, newTitle) = (from.Str("title") ?? "", to.Str("title") ?? "");
        var result = new PageDiffResult(arguments.PageId, fromVersion, toVersion, oldTitle, newTitle, arguments.Format, added, removed, shown, truncated);
        var heading = string.Create(CultureInfo.InvariantCulture, $"Changes to page {arguments.PageId} from version {fromVersion} to {toVersion}: {added} line(s) added, {removed} removed.");
        var titleLine = oldTitle == newTitle ? "" : $"\nTitle changed from '{oldTitle}' to '{newTitle}'.";
        var body = added + removed == 0 ? "\n\nThe bodies are identical." : $"\n\n```diff\n{shown}\n```";
        return ToolOutcome.Success(heading + titleLine + body, Structured.Json(result), 200);
    }

    private static Task<System.Text.Json.JsonElement> ReadAsync(ConfluenceSession confluence, string pageId, int? version) =>
        confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{pageId}", ("body-format", "storage"), ("version", version)),
            version is null ? $"page with id {pageId}" : $"version {version} of page {pageId}");

    private static string Text(System.Text.Json.JsonElement page, ContentFormat format)
    {
        var storage = page.Str("body", "storage", "value") ?? "";
        return format == ContentFormat.Storage ? storage : BodyText.Markdown(storage);
    }
}

/// <summary>Structured result of a version comparison.</summary>
internal sealed record PageDiffResult(string PageId, int FromVersion, int ToVersion, string FromTitle, string ToTitle, ContentFormat Format,
    int AddedLines, int RemovedLines, string Diff, bool Truncated);
