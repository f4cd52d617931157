using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>
/// Space permission assignments, derived from who may see the space: every allowed group (all groups of the site for an
/// open space) and allowed account may read it and create content; the admins group also administers, deletes and
/// restricts.
/// </summary>
public static class SpacePermissionsApi
{
    private static readonly (string Key, string Target)[] Member =
        [("read", "space"), ("create", "page"), ("create", "blogpost"), ("create", "comment"), ("create", "attachment")];

    private static readonly (string Key, string Target)[] Admin =
        [("delete", "page"), ("administer", "space"), ("restrict_content", "space"), ("export", "space")];

    public static RouteGroupBuilder MapSpacePermissionsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/spaces/{id}/permissions", (HttpContext c, SimulatorStore s, string id) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                var space = Formats.ParseId(id) is { } key && caller.Site.Content.Spaces.TryGetValue(key, out var found) && caller.CanView(found) ? found : null;
                return space is null ? ApiErrors.NotFound(ApiVersion.V2) : Paging.List(c, Assignments(caller.Site, space).ToList(), a => a);
            }
        }).V2("getSpacePermissionsAssignments");
        return v2;
    }

    public static IEnumerable<SpacePermissionJson> Assignments(Site site, Space space)
    {
        var groups = space.AllowedGroupIds is null && space.AllowedAccountIds is null
            ? site.Content.Groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal).ToList()
            : site.Content.Groups.Values.Where(g => space.AllowedGroupIds?.Contains(g.Id) ?? false).OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        var n = 0;
        foreach (var group in groups)
        {
            var operations = group.Name == "confluence-admins" ? Member.Concat(Admin) : Member;
            foreach (var (key, target) in operations)
            {
                yield return new SpacePermissionJson($"{space.Id}{++n:D4}", new PermissionPrincipal("group", group.Id), new PermissionOperation(key, target));
            }
        }
        foreach (var account in space.AllowedAccountIds?.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
        {
            foreach (var (key, target) in Member)
            {
                yield return new SpacePermissionJson($"{space.Id}{++n:D4}", new PermissionPrincipal("user", account), new PermissionOperation(key, target));
            }
        }
    }
}
