using System.Text.Json;
using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>
/// v1 content restrictions (read and update, by users and groups) and the permission check for another user or group.
/// A PUT replaces every restriction with those sent; DELETE lifts them all.
/// </summary>
public static class RestrictionsApi
{
    private static readonly string[] Operations = ["read", "update"];

    public static RouteGroupBuilder MapRestrictionsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/content/{id}/restriction", (HttpContext c, SimulatorStore s, string id) => WithContent(c, s, id, (caller, item) => Restrictions(s, caller, item, V1Mapper.Expand(c.Request))))
            .V1("v1.getRestrictions");
        v1.MapPut("/content/{id}/restriction", Replace).V1("v1.updateRestrictions");
        v1.MapDelete("/content/{id}/restriction", (HttpContext c, SimulatorStore s, string id) => WithContent(c, s, id, (caller, item) =>
        {
            item.ViewerAccountIds = item.ViewerGroupIds = item.EditorAccountIds = item.EditorGroupIds = null;
            return Restrictions(s, caller, item, V1Mapper.Expand(c.Request));
        })).V1("v1.deleteRestrictions");
        v1.MapPost("/content/{id}/permission/check", Check).V1("v1.checkContentPermission");
        return v1;
    }

    private static IResult WithContent(HttpContext context, SimulatorStore store, string id, Func<Caller, Content, IResult> then)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [ContentType.Page, ContentType.BlogPost]) : null;
            return item is null ? ApiErrors.NotFound(ApiVersion.V1) : then(caller, item);
        }
    }

    private static async Task<IResult> Replace(HttpContext context, SimulatorStore store, string id)
    {
        var body = await V1Json.ReadAsync(context);
        var entries = body switch
        {
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().ToList(),
            { ValueKind: JsonValueKind.Object } wrapped when V1Json.At(wrapped, "results") is { ValueKind: JsonValueKind.Array } results => results.EnumerateArray().ToList(),
            _ => null,
        };
        if (entries is null)
        {
            return ApiErrors.V1(400, "The body must be a list of restrictions");
        }
        return WithContent(context, store, id, (caller, item) =>
        {
            var parsed = new Dictionary<string, (HashSet<string>? Users, HashSet<string>? Groups)>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var operation = V1Json.Str(entry, "operation");
                if (operation is null || !Operations.Contains(operation))
                {
                    return ApiErrors.V1(400, $"Unsupported restriction operation: {operation}");
                }
                var users = Items(V1Json.At(entry, "restrictions", "user")).Select(u => V1Json.Str(u, "accountId") ?? "").ToList();
                var groups = Items(V1Json.At(entry, "restrictions", "group")).Select(g => V1Json.Str(g, "name") ?? V1Json.Str(g, "id")).ToList();
                if (users.Any(u => !caller.Site.MemberAccountIds.Contains(u)))
                {
                    return ApiErrors.V1(400, "Every user must be a known account id");
                }
                var groupIds = groups.Select(g => caller.Site.Content.Groups.Values.FirstOrDefault(x => x.Name == g || x.Id == g)?.Id).OfType<string>().ToList();
                if (groupIds.Count != groups.Count)
                {
                    return ApiErrors.V1(400, "Every group must be a known group name or id");
                }
                if (users.Count == 0 && groupIds.Count == 0)
                {
                    return ApiErrors.V1(400, "A restriction needs at least one user or group");
                }
                parsed[operation] = (users.Count == 0 ? null : users.ToHashSet(StringComparer.Ordinal), groupIds.Count == 0 ? null : groupIds.ToHashSet(StringComparer.Ordinal));
            }
            (item.ViewerAccountIds, item.ViewerGroupIds) = parsed.GetValueOrDefault("read");
            (item.EditorAccountIds, item.EditorGroupIds) = parsed.GetValueOrDefault("update");
            return Restrictions(store, caller, item, new HashSet<string> { "restrictions.user", "restrictions.group" });
        });
    }

    /// <summary>Users and groups come as a plain array or wrapped in {"results": [...]}.</summary>
    private static List<JsonElement> Items(JsonElement? list) => list switch
    {
        { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray()],
        { ValueKind: JsonValueKind.Object } wrapped when V1Json.At(wrapped, "results") is { ValueKind: JsonValueKind.Array } results => [.. results.EnumerateArray()],
        _ => [],
    };

    private static IResult Restrictions(SimulatorStore store, Caller caller, Content item, HashSet<string> expand)
    {
        var results = Operations.Select(operation =>
        {
            var (users, groups) = operation == "read" ? (item.ViewerAccountIds, item.ViewerGroupIds) : (item.EditorAccountIds, item.EditorGroupIds);
            var restriction = new Dictionary<string, object?> { ["operation"] = operation };
            var userList = (users ?? []).Order(StringComparer.Ordinal).Select(a => caller.Site.MemberAccountIds.Contains(a) && store.Users.TryGetValue(a, out var u) ? V1Mapper.User(u) : null).OfType<object>().ToList();
            var groupList = (groups ?? []).Select(caller.Site.Content.Groups.GetValueOrDefault).OfType<Group>().OrderBy(g => g.Name, StringComparer.Ordinal)
                .Select(g => (object)new { type = "group", name = g.Name, id = g.Id }).ToList();
            var lists = new Dictionary<string, object?>();
            if (expand.Contains("restrictions.user"))
            {
                lists["user"] = new { results = userList, start = 0, limit = 200, size = userList.Count };
            }
            if (expand.Contains("restrictions.group"))
            {
                lists["group"] = new { results = groupList, start = 0, limit = 200, size = groupList.Count };
            }
            lists["_expandable"] = new { user = $"/rest/api/content/{item.Id}/restriction/byOperation/{operation}/user", group = $"/rest/api/content/{item.Id}/restriction/byOperation/{operation}/group" };
            restriction["restrictions"] = lists;
            restriction["_expandable"] = new { content = $"/rest/api/content/{item.Id}" };
            restriction["_links"] = new { self = $"{caller.BaseUrl}/rest/api/content/{item.Id}/restriction/byOperation/{operation}" };
            return restriction;
        }).ToList();
        return Results.Json(new Dictionary<string, object?>
        {
            ["results"] = results,
            ["start"] = 0,
            ["limit"] = 100,
            ["size"] = results.Count,
            ["restrictionsHash"] = $"{item.Id}-{string.Join(',', item.ViewerAccountIds ?? [])}-{string.Join(',', item.ViewerGroupIds ?? [])}-{string.Join(',', item.EditorAccountIds ?? [])}-{string.Join(',', item.EditorGroupIds ?? [])}".GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            ["_links"] = new { @base = caller.BaseUrl, context = "/wiki", self = $"{caller.BaseUrl}/rest/api/content/{item.Id}/restriction" },
        });
    }

    private static async Task<IResult> Check(HttpContext context, SimulatorStore store, string id)
    {
        var body = await V1Json.ReadAsync(context);
        var operation = body is { } b ? V1Json.Str(b, "operation") : null;
        var type = body is { } t ? V1Json.Str(t, "subject", "type") : null;
        var identifier = body is { } i ? V1Json.Str(i, "subject", "identifier") : null;
        if (operation is not ("read" or "update" or "delete") || type is not ("user" or "group") || string.IsNullOrEmpty(identifier))
        {
            return ApiErrors.V1(400, "subject (type user or group, identifier) and operation (read, update or delete) are required");
        }
        return WithContent(context, store, id, (caller, item) =>
        {
            Caller? subject;
            if (type == "user")
            {
                subject = caller.Site.MemberAccountIds.Contains(identifier) && store.Users.TryGetValue(identifier, out var user) ? caller with { User = user } : null;
            }
            else
            {
                // A group is judged as a member holding only that group would be.
                var group = caller.Site.Content.Groups.Values.FirstOrDefault(g => g.Name == identifier || g.Id == identifier);
                subject = group is null ? null : caller with { User = GroupMember(group) };
            }
            if (subject is null)
            {
                return ApiErrors.V1(400, $"Unknown {type}: {identifier}");
            }
            var (allowed, error) = operation == "read"
                ? (subject.CanView(item), $"{Capitalized(type)} does not have permission to the content")
                : (subject.CanEdit(item), $"{Capitalized(type)} does not have permission to {operation} the content");
            return Results.Json(allowed
                ? new Dictionary<string, object?> { ["hasPermission"] = true }
                : new Dictionary<string, object?> { ["hasPermission"] = false, ["errors"] = new[] { new { translation = error, args = Array.Empty<object>() } } });
        });
    }

    private static User GroupMember(Group group)
    {
        var member = new User("group:" + group.Id, "", group.Name, "");
        member.GroupIds.Add(group.Id);
        return member;
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
