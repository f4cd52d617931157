using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>Whiteboards: create, get, delete (trash).</summary>
public static class WhiteboardsApi
{
    public static RouteGroupBuilder MapWhiteboardsApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/whiteboards", (HttpContext c, SimulatorStore s, TimeProvider t, ContentWrite body) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                if (Formats.ParseId(body.SpaceId) is not { } spaceId || !caller.Site.Content.Spaces.TryGetValue(spaceId, out var space) || !caller.CanView(space))
                {
                    return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", "Space not found or not permitted");
                }
                var parent = Formats.ParseId(body.ParentId) is { } p ? caller.FindVisible(p, [ContentType.Page]) : null;
                var board = s.AddContent(caller.Site, ContentType.Whiteboard, spaceId, body.Title ?? "Untitled whiteboard", "", caller.User.AccountId, t.GetUtcNow(), parent?.Id);
                return Results.Json(V2Mapper.Whiteboard(caller, board, true));
            }
        }).V2("createWhiteboard");
        v2.MapGet("/whiteboards/{id}", (HttpContext c, SimulatorStore s, string id) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                var board = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [ContentType.Whiteboard]) : null;
                return board is null ? ApiErrors.NotFound(ApiVersion.V2) : Results.Json(V2Mapper.Whiteboard(caller, board, true));
            }
        }).V2("getWhiteboardById");
        v2.MapDelete("/whiteboards/{id}", (HttpContext c, SimulatorStore s, string id) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                var board = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [ContentType.Whiteboard], "current", "trashed") : null;
                return board is null ? ApiErrors.NotFound(ApiVersion.V2) : ContentOps.Delete(caller, board, c.Request.Query["purge"] == "true");
            }
        }).V2("deleteWhiteboard");
        return v2;
    }
}
