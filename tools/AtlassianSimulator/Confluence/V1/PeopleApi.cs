using AtlassianSimulator.Access;
using AtlassianSimulator.Cql;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>v1 users and groups of a site, and /space.</summary>
public static class PeopleApi
{
    /// <summary>Users carry no modification time here; search results need one.</summary>
    private static readonly DateTimeOffset SeedEpoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/user", (HttpContext c, SimulatorStore s) =>
        {
            var caller = Caller.Of(c);
            var accountId = c.Request.Query["accountId"].FirstOrDefault();
            lock (s.Gate)
            {
                return accountId is not null && caller.Site.MemberAccountIds.Contains(accountId) && s.Users.TryGetValue(accountId, out var user)
                    ? Results.Json(V1Mapper.User(user))
                    : ApiErrors.V1(404, "No user found with accountId " + accountId);
            }
        }).V1("v1.getUser");
        v1.MapGet("/user/current", (HttpContext c) => Results.Json(V1Mapper.User(Caller.Of(c).User))).V1("v1.getCurrentUser");
        v1.MapGet("/search/user", SearchUsers).V1("v1.searchUsers");
        v1.MapGet("/group", (HttpContext c, SimulatorStore s) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                var groups = caller.Site.Content.Groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
                return V1Paging.List(c, groups, g => new { type = "group", name = g.Name, id = g.Id, _links = new { self = $"/rest/api/group/by-id?id={g.Id}" } });
            }
        }).V1("v1.getGroups");
        v1.MapGet("/group/{groupId}/membersByGroupId", (HttpContext c, SimulatorStore s, string groupId) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                if (!caller.Site.Content.Groups.ContainsKey(groupId))
                {
                    return ApiErrors.V1(404, "Group not found");
                }
                var members = caller.Site.MemberAccountIds.Select(s.Users.GetValueOrDefault).OfType<Model.User>()
                    .Where(u => u.GroupIds.Contains(groupId)).OrderBy(u => u.AccountId, StringComparer.Ordinal).ToList();
                return V1Paging.List(c, members, V1Mapper.User);
            }
        }).V1("v1.getGroupMembers");
        v1.MapGet("/space", (HttpContext c, SimulatorStore s) =>
        {
            var caller = Caller.Of(c);
            var keys = c.Request.Query["spaceKey"].ToHashSet(StringComparer.OrdinalIgnoreCase);
            lock (s.Gate)
            {
                var spaces = caller.Site.Content.Spaces.Values.Where(sp => caller.CanView(sp) && (keys.Count == 0 || keys.Contains(sp.Key))).ToList();
                return V1Paging.List(c, spaces, V1Mapper.Space);
            }
        }).V1("v1.getSpaces");
        return v1;
    }

    /// <summary>User search supports CQL clauses on type (=user), user (account id), user.fullname (~) and user.accountid.</summary>
    private static IResult SearchUsers(HttpContext context, SimulatorStore store)
    {
        var caller = Caller.Of(context);
        var cql = context.Request.Query["cql"].FirstOrDefault();
        CqlQuery query;
        try
        {
            query = CqlParser.Parse(cql ?? throw new CqlException("cql parameter is required"));
        }
        catch (CqlException e)
        {
            return ApiErrors.V1(400, "Could not parse cql : " + e.Message);
        }
        lock (store.Gate)
        {
            var users = caller.Site.MemberAccountIds.Select(store.Users.GetValueOrDefault).OfType<Model.User>();
            try
            {
                var matches = users.Where(u => query.Where is null || Matches(query.Where, u)).OrderBy(u => u.AccountId, StringComparer.Ordinal).ToList();
                return V1Paging.List(context, matches, u => new
                {
                    user = V1Mapper.User(u), title = u.DisplayName, excerpt = "", url = $"/people/{u.AccountId}", breadcrumbs = Array.Empty<object>(),
                    entityType = "user", iconCssClass = "aui-icon content-type-profile", lastModified = Formats.Date(SeedEpoch), score = 1.0,
                },
                    new Dictionary<string, object?> { ["totalSize"] = matches.Count, ["cqlQuery"] = cql, ["searchDuration"] = 2 });
            }
            catch (CqlException e)
            {
                return ApiErrors.V1(400, "Could not parse cql : " + e.Message);
            }
        }
    }

    private static bool Matches(CqlExpression expression, Model.User user) => expression switch
    {
        CqlAnd and => Matches(and.Left, user) && Matches(and.Right, user),
        CqlOr or => Matches(or.Left, user) || Matches(or.Right, user),
        CqlNot not => !Matches(not.Inner, user),
        CqlClause { Field: var f } c when f.Equals("type", StringComparison.OrdinalIgnoreCase) => c.Values.Any(v => v.Text == "user"),
        CqlClause { Field: var f } c when f.Equals("user", StringComparison.OrdinalIgnoreCase) || f.Equals("user.accountid", StringComparison.OrdinalIgnoreCase) =>
            c.Values.Any(v => v.Text == user.AccountId) == c.Operator is "=" or "IN",
        CqlClause { Field: var f } c when f.Equals("user.fullname", StringComparison.OrdinalIgnoreCase) =>
            user.DisplayName.Contains(c.Values[0].Text.Trim('*'), StringComparison.OrdinalIgnoreCase) == (c.Operator is "~" or "="),
        CqlClause c => throw new CqlException($"Unsupported user search field '{c.Field}'"),
        _ => false,
    };
}
