using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record SetPageRestrictionsArguments(
    [Description("Numeric id of the page (or blog post).")][NumericId] string PageId,
    [Description("Account ids of the users who may view the page; [] lifts the view restriction; leave out to keep it as it is.")] IReadOnlyList<string>? ViewUsers = null,
    [Description("Names of the groups who may view the page; [] for none; leave out to keep as is.")][SingleLine] IReadOnlyList<string>? ViewGroups = null,
    [Description("Account ids of the users who may edit the page; [] lifts the edit restriction; leave out to keep it as it is.")] IReadOnlyList<string>? EditUsers = null,
    [Description("Names of the groups who may edit the page; [] for none; leave out to keep as is.")][SingleLine] IReadOnlyList<string>? EditGroups = null);

/// <summary>Sets who may view and who may edit a page.</summary>
internal sealed class SetPageRestrictionsTool() : ConfluenceTool<SetPageRestrictionsArguments>(
    "set_page_restrictions",
    "Set a page's restrictions",
    "Sets who may view and who may edit a page: each list given replaces that list ([] empties it), lists left out stay as they are; " +
    "an operation with no users and no groups is not restricted. A view restriction also hides the page's children. Include the user " +
    "yourself (get_current_user) or you may lock them out. Confirm with the user before restricting. Returns the restrictions now in force.",
    ToolAccess.Write, idempotent: true, ["read:content-details:confluence", "write:content.restriction:confluence"], ToolSchemas.For<PageRestrictionsResult>())
{
    private protected override string? Check(SetPageRestrictionsArguments arguments)
    {
        if (arguments is { ViewUsers: null, ViewGroups: null, EditUsers: null, EditGroups: null })
        {
            return "give at least one of 'viewUsers', 'viewGroups', 'editUsers', 'editGroups'";
        }
        var lists = new[] { ("viewUsers", arguments.ViewUsers), ("viewGroups", arguments.ViewGroups), ("editUsers", arguments.EditUsers), ("editGroups", arguments.EditGroups) };
        return lists.Where(l => l.Item2 is not null && l.Item2.Any(string.IsNullOrWhiteSpace)).Select(l => $"'{l.Item1}' must not contain empty names").FirstOrDefault();
    }

    private protected override async Task<ToolOutcome> ExecuteAsync(SetPageRestrictionsArguments arguments, ConfluenceSession confluence)
    {
        var current = await GetPageRestrictionsTool.ReadAsync(confluence, arguments.PageId);
        var viewUsers = arguments.ViewUsers ?? [.. current.View.Users.Select(u => u.Id)];
        var viewGroups = arguments.ViewGroups ?? [.. current.View.Groups.Select(g => g.Name ?? g.Id)];
        var editUsers = arguments.EditUsers ?? [.. current.Edit.Users.Select(u => u.Id)];
        var editGroups = arguments.EditGroups ?? [.. current.Edit.Groups.Select(g => g.Name ?? g.Id)];
        var path = $"{ConfluencePaths.V1}content/{arguments.PageId}/restriction";
        var subject = $"page with id {arguments.PageId}";
        var entries = new[] { ("read", viewUsers, viewGroups), ("update", editUsers, editGroups) }
            .Where(e => e.Item2.Count + e.Item3.Count > 0)
            .Select(e => new
            {
                operation = e.Item1,
                restrictions = new
                {
                    user = e.Item2.Select(accountId => new { type = "known", accountId }).ToList(),
                    group = e.Item3.Select(name => new { type = "group", name }).ToList(),
                },
            }).ToList();
        // A PUT replaces every restriction with those sent; with none left, DELETE lifts them all.
        if (entries.Count == 0)
        {
            await confluence.SendAsync("DELETE", path, null, subject);
        }
        else
        {
            await confluence.SendAsync("PUT", path, entries, subject);
        }
        var result = await GetPageRestrictionsTool.ReadAsync(confluence, arguments.PageId);
        return ToolOutcome.Success("Updated. " + result.Text(), Structured.Json(result), 200);
    }
}
