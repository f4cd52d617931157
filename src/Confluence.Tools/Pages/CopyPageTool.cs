using System.ComponentModel;
using System.Text.Json;

namespace Platform.Confluence.Tools;

internal sealed record CopyPageArguments(
    [Description("Numeric id of the page to copy.")][NumericId] string PageId,
    [Description("Numeric id of the page to put the copy under. Give this or destinationSpaceKey.")][NumericId] string? DestinationParentId = null,
    [Description("Key of a space to copy the page to, at its top level (single pages only).")] string? DestinationSpaceKey = null,
    [Description("Title of the copy (single page); default \"Copy of <title>\". Titles must be unique in a space.")][SingleLine] string? Title = null,
    [Description("true copies the page with all its descendants (needs destinationParentId); their titles get 'titlePrefix'.")] bool IncludeChildren = false,
    [Description("With includeChildren: text put before every copied title; default \"Copy of \". Use \"\" only when copying to another space.")][SingleLine] string? TitlePrefix = null,
    [Description("Copy the attachments too (default true).")] bool CopyAttachments = true,
    [Description("Copy the labels too (default true).")] bool CopyLabels = true,
    [Description("Copy the view and edit restrictions too (default false).")] bool CopyRestrictions = false);

/// <summary>Copies a page, or a page with its descendants, under another page or into a space.</summary>
internal sealed class CopyPageTool() : ConfluenceTool<CopyPageArguments>(
    "copy_page",
    "Copy a page",
    "Copies a page (with its attachments and labels unless told otherwise) under another page or to the top of a space; with " +
    "includeChildren=true the whole page tree is copied under 'destinationParentId', titles prefixed with 'titlePrefix'. The original " +
    "is unchanged. Use move_page to move a page instead, and create_page_from_template to start from a template. Returns the copy's id, " +
    "title and web URL, and for trees how many pages were copied.",
    ToolAccess.Write, idempotent: false,
    ["read:content-details:confluence", "read:content.metadata:confluence", "read:page:confluence", "write:page:confluence"], ToolSchemas.For<CopyResult>())
{
    private static readonly TimeSpan[] PollDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5)];

    private protected override string? Check(CopyPageArguments arguments) => arguments switch
    {
        { DestinationParentId: null, DestinationSpaceKey: null } => "give 'destinationParentId' or 'destinationSpaceKey'",
        { DestinationParentId: not null, DestinationSpaceKey: not null } => "give either 'destinationParentId' or 'destinationSpaceKey', not both",
        { IncludeChildren: true, DestinationParentId: null } => "'includeChildren' needs 'destinationParentId': a page tree is copied under a page",
        { IncludeChildren: true, Title: not null } => "with 'includeChildren' the titles come from 'titlePrefix'; leave out 'title'",
        { IncludeChildren: false, TitlePrefix: not null } => "'titlePrefix' applies only with 'includeChildren'; use 'title' for a single page",
        _ => null,
    };

    private protected override async Task<ToolOutcome> ExecuteAsync(CopyPageArguments arguments, ConfluenceSession confluence)
    {
        var subject = $"page with id {arguments.PageId}";
        var original = await confluence.GetAsync($"{ConfluencePaths.V2}pages/{arguments.PageId}", subject);
        var options = new Dictionary<string, object?>
        {
            ["copyAttachments"] = arguments.CopyAttachments,
            ["copyLabels"] = arguments.CopyLabels,
            ["copyPermissions"] = arguments.CopyRestrictions,
            ["copyProperties"] = true,
        };
        return arguments.IncludeChildren
            ? await CopyTreeAsync(arguments, confluence, original, options)
            : await CopyOneAsync(arguments, confluence, original, options);
    }

    private static async Task<ToolOutcome> CopyOneAsync(CopyPageArguments arguments, ConfluenceSession confluence, JsonElement original, Dictionary<string, object?> body)
    {
        body["destination"] = arguments.DestinationParentId is { } parent
            ? new { type = "parent_page", value = parent }
            : new { type = "space", value = arguments.DestinationSpaceKey! };
        body["pageTitle"] = arguments.Title ?? "Copy of " + original.Str("title");
        var copy = await confluence.SendAsync("POST", $"{ConfluencePaths.V1}content/{arguments.PageId}/copy", body,
            $"page with id {arguments.PageId} or its destination");
        var page = await confluence.GetAsync($"{ConfluencePaths.V2}pages/{copy.Str("id")}", $"copied page with id {copy.Str("id")}");
        var summary = ContentSummary.From(page, "page");
        var result = new CopyResult(summary.Id, summary.Title, summary.WebUrl, 1, Finished: true, TaskId: null, []);
        return ToolOutcome.Success($"Copied '{original.Str("title")}' to '{summary.Title}' (page {summary.Id}). {summary.WebUrl}", Structured.Json(result), 200);
    }

    private static async Task<ToolOutcome> CopyTreeAsync(CopyPageArguments arguments, ConfluenceSession confluence, JsonElement original, Dictionary<string, object?> body)
    {
        var prefix = arguments.TitlePrefix ?? "Copy of ";
        body["destinationPageId"] = arguments.DestinationParentId;
        body["titleOptions"] = new { prefix };
        var task = await confluence.SendAsync("POST", $"{ConfluencePaths.V1}content/{arguments.PageId}/pagehierarchy/copy", body,
            $"page with id {arguments.PageId} or page {arguments.DestinationParentId}");
        var taskId = task.Str("id") ?? "";
        JsonElement status = default;
        foreach (var delay in PollDelays)
        {
            await Task.Delay(delay, confluence.CancellationToken);
            status = await confluence.GetAsync($"{ConfluencePaths.V1}longtask/{Uri.EscapeDataString(taskId)}", $"copy task {taskId}");
            if (status.Str("finished") == "true")
            {
                break;
            }
        }
        var messages = status.At("messages") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(m => m.Str("translation")).OfType<string>().ToList()
            : [];
        var copiedTitle = prefix + original.Str("title");
        if (status.Str("finished") != "true")
        {
            var running = new CopyResult(null, copiedTitle, null, null, Finished: false, taskId, messages);
            return ToolOutcome.Success($"Copying the tree of '{original.Str("title")}' is still running (task {taskId}); the copies appear under page " +
                $"{arguments.DestinationParentId} as they are made, starting with '{copiedTitle}'.", Structured.Json(running), 202);
        }
        if (status.Str("successful") != "true")
        {
            return ToolOutcome.ToolError($"Confluence could not copy the whole tree of '{original.Str("title")}': {string.Join("; ", messages)}", null);
        }
        var children = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.DestinationParentId}/children", ("limit", 250)),
            $"page with id {arguments.DestinationParentId}");
        var root = children.Results().FirstOrDefault(c => c.Str("title") == copiedTitle);
        var page = root.ValueKind == JsonValueKind.Object ? await confluence.GetAsync($"{ConfluencePaths.V2}pages/{root.Str("id")}", $"copied page {root.Str("id")}") : default;
        var summary = page.ValueKind == JsonValueKind.Object ? ContentSummary.From(page, "page") : null;
        var copied = status.Int("additionalDetails", "totalPageNeedToCopy");
        var result = new CopyResult(summary?.Id, copiedTitle, summary?.WebUrl, copied, Finished: true, taskId, messages);
        return ToolOutcome.Success($"Copied the tree of '{original.Str("title")}' ({copied} page(s)) under page {arguments.DestinationParentId}; " +
            $"its copy is '{copiedTitle}'{(summary is null ? "" : $" (page {summary.Id}). {summary.WebUrl}")}", Structured.Json(result), 200);
    }
}

/// <summary>Structured result of a copy: the copy (or the tree's copied root), how many pages, and the task of a tree copy.</summary>
internal sealed record CopyResult(string? Id, string Title, string? WebUrl, int? PagesCopied, bool Finished, string? TaskId, IReadOnlyList<string> Messages);
