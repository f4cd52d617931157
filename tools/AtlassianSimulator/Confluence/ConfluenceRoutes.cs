using AtlassianSimulator.Confluence.V1;
using AtlassianSimulator.Confluence.V2;

namespace AtlassianSimulator.Confluence;

/// <summary>
/// Mounts the Confluence REST API twice: behind the API gateway for 3LO tokens
/// (/api/ex/confluence/{cloudId}/wiki) and on the site itself for Basic auth (/site/{siteName}/wiki).
/// </summary>
public static class ConfluenceRoutes
{
    public static IEndpointRouteBuilder MapConfluence(this IEndpointRouteBuilder app)
    {
        foreach (var wiki in new[] { app.MapGroup("/api/ex/confluence/{cloudId}/wiki"), app.MapGroup("/site/{siteName}/wiki") })
        {
            wiki.MapGroup("/api/v2")
                .MapPagesApi().MapHierarchyApi().MapVersionsApi().MapLabelsApi().MapSpacesApi()
                .MapCommentsApi().MapAttachmentsApi().MapWhiteboardsApi().MapPropertiesApi().MapSpacePermissionsApi();
            wiki.MapGroup("/rest/api")
                .MapSearchApi().MapContentApi().MapLabelsV1Api().MapAttachmentsV1Api().MapPeopleApi()
                .MapCopyApi().MapTemplatesApi().MapRestrictionsApi().MapAnalyticsApi();
        }
        return app;
    }
}
