using System.ComponentModel;

namespace Platform.Confluence.Tools;

/// <summary>What a permission check asks about.</summary>
internal enum ContentOperation
{
    Read,
    Update,
    Delete,
}

internal sealed record CheckContentPermissionArguments(
    [Description("Numeric id of the page, blog post or other content.")][NumericId] string ContentId,
    [Description("\"read\", \"update\" or \"delete\".")] ContentOperation Operation,
    [Description("Account id of the user to check (from search_users). Give accountId or group.")] string? AccountId = null,
    [Description("Name of the group to check.")][SingleLine] string? Group = null);

/// <summary>Whether a user or group may read, edit or delete a piece of content.</summary>
internal sealed class CheckContentPermissionTool() : ConfluenceTool<CheckContentPermissionArguments>(
    "check_content_permission",
    "Check someone's permission on content",
    "Answers whether a given user (by account id) or group may read, update or delete a page or blog post, taking space permissions " +
    "and page restrictions into account, with Confluence's reasons when not. Use it before sharing a link or assigning work; to see the " +
    "restrictions themselves use get_page_restrictions, and for a space as a whole get_space_permissions.",
    ToolAccess.Read, idempotent: true, ["read:content.permission:confluence"], ToolSchemas.For<PermissionCheckResult>())
{
    private protected override string? Check(CheckContentPermissionArguments arguments) => (arguments.AccountId, arguments.Group) switch
    {
        (null, null) => "'accountId' is required (or 'group')",
        (not null, not null) => "give either 'accountId' or 'group', not both",
        _ => null,
    };

    private protected override async Task<ToolOutcome> ExecuteAsync(CheckContentPermissionArguments arguments, ConfluenceSession confluence)
    {
        var (type, identifier) = arguments.AccountId is { } account ? ("user", account) : ("group", arguments.Group!);
        var operation = arguments.Operation.ToString().ToLowerInvariant();
        var answer = await confluence.SendAsync("POST", $"{ConfluencePaths.V1}content/{arguments.ContentId}/permission/check",
            new { subject = new { type, identifier }, operation }, $"content with id {arguments.ContentId}");
        var allowed = answer.Str("hasPermission") == "true";
        var reasons = answer.At("errors") is { ValueKind: System.Text.Json.JsonValueKind.Array } errors
            ? errors.EnumerateArray().Select(e => e.Str("translation") ?? e.Str("message")).OfType<string>().ToList()
            : [];
        var result = new PermissionCheckResult(arguments.ContentId, type, identifier, arguments.Operation, allowed, reasons);
        var text = $"The {type} {identifier} {(allowed ? "may" : "may not")} {operation} content {arguments.ContentId}." +
            (reasons.Count == 0 ? "" : " " + string.Join(" ", reasons.Select(r => r.TrimEnd('.') + ".")));
        return ToolOutcome.Success(text, Structured.Json(result), 200);
    }
}

/// <summary>Structured result of a permission check.</summary>
internal sealed record PermissionCheckResult(string ContentId, string SubjectType, string Subject, ContentOperation Operation, bool HasPermission, IReadOnlyList<string> Reasons);
