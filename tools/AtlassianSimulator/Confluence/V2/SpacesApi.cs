using System.Text.RegularExpressions;
using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>v2 spaces: list (filters ids, keys, type, status), get, create.</summary>
public static partial class SpacesApi
{
    public static RouteGroupBuilder MapSpacesApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/spaces", List).V2("getSpaces");
        v2.MapGet("/spaces/{id}", Get).V2("getSpaceById");
        v2.MapPost("/spaces", Create).V2("createSpace");
        return v2;
    }

    private static IResult List(HttpContext context, SimulatorStore store)
    {
        var caller = Caller.Of(context);
        var q = context.Request.Query;
        var ids = QueryParams.Ids(context.Request, "ids");
        var keys = q["keys"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var type = q["type"].FirstOrDefault();
        var status = q["status"].FirstOrDefault();
        lock (store.Gate)
        {
            var spaces = caller.Site.Content.Spaces.Values.Where(s => caller.CanView(s)
                && (ids.Count == 0 || ids.Contains(s.Id)) && (keys.Count == 0 || keys.Contains(s.Key))
                && (type is null || s.Type == type) && (status is null || s.Status == status));
            return Paging.List(context, spaces, s => V2Mapper.Space(caller, s, false));
        }
    }

    private static IResult Get(HttpContext context, SimulatorStore store, string id)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            return Formats.ParseId(id) is { } key && caller.Site.Content.Spaces.TryGetValue(key, out var space) && caller.CanView(space)
                ? Results.Json(V2Mapper.Space(caller, space, true))
                : ApiErrors.NotFound(ApiVersion.V2);
        }
    }

    private static IResult Create(HttpContext context, SimulatorStore store, TimeProvider clock, SpaceWrite body)
    {
        var caller = Caller.Of(context);
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", "name is required");
        }
        lock (store.Gate)
        {
            var key = body.Key ?? KeyFromName(body.Name);
            if (!SpaceKey().IsMatch(key) || caller.Site.Content.SpacesByKey.ContainsKey(key))
            {
                return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", "Space key is invalid or already in use");
            }
            var now = clock.GetUtcNow();
            var space = store.AddSpace(caller.Site, key, body.Name, caller.User.AccountId, now, body.Description?.Value ?? "");
            var home = store.AddContent(caller.Site, ContentType.Page, space.Id, body.Name + " Home", "<p>Welcome.</p>", caller.User.AccountId, now);
            space.HomepageId = home.Id;
            return Results.Json(V2Mapper.Space(caller, space, true), statusCode: 201);
        }
    }

    private static string KeyFromName(string name) => new(name.Where(char.IsAsciiLetterOrDigit).Take(10).Select(char.ToUpperInvariant).ToArray());

    [GeneratedRegex("^[A-Za-z0-9]{1,255}\\z")]
    private static partial Regex SpaceKey();
}
