using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Platform.Api.Admin;

/// <summary>
/// The whole admin API in one place: services, every <c>/admin/v1</c> area, the OpenAPI document
/// (<c>/openapi/v1.json</c>) and its browsable reference (<c>/scalar/v1</c>).
/// </summary>
public static class AdminApi
{
    public const string OpenApiDocumentPath = "/openapi/v1.json";

    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        builder.AddOperatorAuthentication();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IAdminAuditSink, LoggingAdminAuditSink>();
        // The OAuth routes answer with the tenants' public URLs.
        builder.Services.TryAddSingleton<OAuth.TenantUrls>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Confluence MCP gateway admin API";
            document.Info.Description = "Operator routes take the operator key; a tenant's routes also take the API key of an admin of that tenant. Both as `Authorization: Bearer …`.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer" };
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        routes.MapTenantsApi();
        routes.MapIntegrationApi();
        routes.MapConnectionsApi();
        routes.MapToolsApi();
        routes.MapToolsetsApi();
        routes.MapAccessProfilesApi();
        routes.MapUsersApi();
        routes.MapGroupsApi();
        routes.MapApiKeysApi();
        routes.MapAuditApi();
        routes.MapRateLimitsApi();
        routes.MapOAuthAdminApi();
        routes.MapOpenApi(OpenApiDocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal));
        routes.MapScalarApiReference(reference => reference.WithTitle("Admin API reference").WithOpenApiRoutePattern(OpenApiDocumentPath));
        return routes;
    }
}
