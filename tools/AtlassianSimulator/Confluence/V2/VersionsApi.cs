using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>Version history of pages and blog posts.</summary>
public static class VersionsApi
{
    public static RouteGroupBuilder MapVersionsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/versions", (HttpContext c, SimulatorStore s, string id) => List(c, s, id, ContentType.Page)).V2("getPageVersions");
        v2.MapGet("/blogposts/{id}/versions", (HttpContext c, SimulatorStore s, string id) => List(c, s, id, ContentType.BlogPost)).V2("getBlogPostVersions");
        v2.MapGet("/pages/{page-id}/versions/{version-number}", (HttpContext c, SimulatorStore s, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "page-id")] string pageId, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "version-number")] int versionNumber) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                var version = Formats.ParseId(pageId) is { } key ? caller.FindVisible(key, [ContentType.Page])?.Versions.FirstOrDefault(v => v.Number == versionNumber) : null;
                return version is null ? ApiErrors.NotFound(ApiVersion.V2)
                    : Results.Json(new DetailedVersionJson(version.Number, version.AuthorId, version.Message, Formats.Date(version.CreatedAt), version.MinorEdit, false, [version.AuthorId]));
            }
        }).V2("getPageVersionDetails");
        return v2;
    }

    private static IResult List(HttpContext context, SimulatorStore store, string id, ContentType type)
    {
        var caller = Caller.Of(context);
        var format = QueryParams.BodyFormat(context.Request);
        lock (store.Gate)
        {
            var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [type]) : null;
            if (item is null)
            {
                return ApiErrors.NotFound(ApiVersion.V2);
            }
            var owner = new VersionedContent(Formats.Id(item.Id), item.Title);
            return Paging.List(context, item.Versions.AsEnumerable().Reverse(), v => new PageVersionJson(Formats.Date(v.CreatedAt), v.Message, v.Number, v.MinorEdit, v.AuthorId,
                type == ContentType.Page ? owner : null, type == ContentType.BlogPost ? owner : null));
        }
    }
}
