using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record GetSpacePermissionsArguments(
    [Description("Key of the space, e.g. \"ENG\".")] string SpaceKey,
    [Description("Assignments per call, 1 to 250 (default 100).")][Range(1, 250)] int Limit = 100,
    [Description("The cursor a previous call returned, to get the next assignments.")] string? Cursor = null);

/// <summary>Which users, groups and roles hold which permissions in a space.</summary>
internal sealed class GetSpacePermissionsTool() : ConfluenceTool<GetSpacePermissionsArguments>(
    "get_space_permissions",
    "Get a space's permissions",
    "Lists a space's permission assignments: for each user, group or role (by id), the operations it may do (read the space, create " +
    "pages, comment, administer…). For one page's own restrictions use get_page_restrictions; to test one person on one page use " +
    "check_content_permission; group names come from list_groups. Returns a cursor when more exist.",
    ToolAccess.Read, idempotent: true, ["read:space:confluence"], ToolSchemas.For<SpacePermissionsResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetSpacePermissionsArguments arguments, ConfluenceSession confluence)
    {
        var spaceId = await SpaceLookup.IdOfAsync(confluence, arguments.SpaceKey);
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}spaces/{spaceId}/permissions",
            ("limit", arguments.Limit), ("cursor", arguments.Cursor)), $"permissions of space {arguments.SpaceKey}");
        var assignments = answer.Results().Select(a => new SpacePermission(a.Str("id") ?? "", a.Str("principal", "type") ?? "", a.Str("principal", "id") ?? "",
            a.Str("operation", "key") ?? "", a.Str("operation", "targetType") ?? "")).ToList();
        var next = ConfluencePaths.NextCursor(answer);
        var lines = assignments.GroupBy(a => (a.PrincipalType, a.PrincipalId))
            .Select(g => $"- {g.Key.PrincipalType} {g.Key.PrincipalId}: {string.Join(", ", g.Select(a => $"{a.Operation} {a.TargetType}"))}").ToList();
        return ToolOutcome.Success(ListText.Render($"Permissions in space {arguments.SpaceKey} (id {spaceId})", lines, next, "No permission assignments."),
            Structured.Json(new SpacePermissionsResult(arguments.SpaceKey, spaceId, assignments, next)), 200);
    }
}

internal sealed record SpacePermission(string Id, string PrincipalType, string PrincipalId, string Operation, string TargetType);

/// <summary>Structured result of get_space_permissions.</summary>
internal sealed record SpacePermissionsResult(string SpaceKey, string SpaceId, IReadOnlyList<SpacePermission> Assignments, string? NextCursor);
