using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;
using Microsoft.AspNetCore.Mvc;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>Content properties of pages: list, get, create, update (version checked), delete.</summary>
public static class PropertiesApi
{
    public static RouteGroupBuilder MapPropertiesApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{page-id}/properties", (HttpContext c, SimulatorStore s, [FromRoute(Name = "page-id")] string pageId) =>
            HierarchyApi.WithPage(c, s, pageId, (_, page) =>
            {
                var key = c.Request.Query["key"].FirstOrDefault();
                return Paging.List(c, page.Properties.Where(p => key is null || p.Key == key).OrderBy(p => p.Id), V2Mapper.Property);
            })).V2("getPageContentProperties");

        v2.MapGet("/pages/{page-id}/properties/{property-id}", (HttpContext c, SimulatorStore s, [FromRoute(Name = "page-id")] string pageId, [FromRoute(Name = "property-id")] string propertyId) =>
            HierarchyApi.WithPage(c, s, pageId, (_, page) =>
                Find(page, propertyId) is { } p ? Results.Json(V2Mapper.Property(p)) : ApiErrors.NotFound(ApiVersion.V2))).V2("getPageContentPropertiesById");

        v2.MapPost("/pages/{page-id}/properties", (HttpContext c, SimulatorStore s, TimeProvider t, [FromRoute(Name = "page-id")] string pageId, PropertyWrite body) =>
            HierarchyApi.WithPage(c, s, pageId, (caller, page) =>
            {
                if (string.IsNullOrEmpty(body.Key) || page.Properties.Any(p => p.Key == body.Key))
                {
                    return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", "Property key missing or already present");
                }
                var property = new ContentProperty
                {
                    Id = s.NewId(), Key = body.Key, Value = body.Value?.DeepClone(),
                    Version = new ContentVersion(1, t.GetUtcNow(), caller.User.AccountId, "", false, body.Key, ""),
                };
                page.Properties.Add(property);
                return Results.Json(V2Mapper.Property(property));
            })).V2("createPageProperty");

        v2.MapPut("/pages/{page-id}/properties/{property-id}", (HttpContext c, SimulatorStore s, TimeProvider t, [FromRoute(Name = "page-id")] string pageId, [FromRoute(Name = "property-id")] string propertyId, PropertyWrite body) =>
            HierarchyApi.WithPage(c, s, pageId, (caller, page) =>
            {
                if (Find(page, propertyId) is not { } property)
                {
                    return ApiErrors.NotFound(ApiVersion.V2);
                }
                if (body.Version?.Number != property.Version.Number + 1)
                {
                    return ApiErrors.V2(409, "CONFLICT", $"Version must be incremented on update. Current version is: {property.Version.Number}");
                }
                property.Value = body.Value?.DeepClone();
                property.Version = new ContentVersion(body.Version.Number.Value, t.GetUtcNow(), caller.User.AccountId, body.Version.Message ?? "", false, property.Key, "");
                return Results.Json(V2Mapper.Property(property));
            })).V2("updatePagePropertyById");

        v2.MapDelete("/pages/{page-id}/properties/{property-id}", (HttpContext c, SimulatorStore s, [FromRoute(Name = "page-id")] string pageId, [FromRoute(Name = "property-id")] string propertyId) =>
            HierarchyApi.WithPage(c, s, pageId, (_, page) =>
                Find(page, propertyId) is { } p && page.Properties.Remove(p) ? Results.NoContent() : ApiErrors.NotFound(ApiVersion.V2))).V2("deletePagePropertyById");
        return v2;
    }

    private static ContentProperty? Find(Content page, string id) =>
        Formats.ParseId(id) is { } key ? page.Properties.FirstOrDefault(p => p.Id == key) : null;
}
