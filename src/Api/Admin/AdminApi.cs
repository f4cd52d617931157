using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Platform.Api.Admin;

/// <summary>
/// The whole admin API in one place: services, every <c>/admin/v1</c> area, its errors as problem details
/// (<see cref="AdminProblems"/>), the OpenAPI document (<c>/openapi/v1.json</c>) and its browsable reference (<c>/scalar/v1</c>).
/// </summary>
public static class AdminApi
{
    public const string Prefix = "/admin/v1";

    public const string OpenApiDocumentPath = "/openapi/v1.json";

    /// <summary>Admin requests are small; a larger body is refused (413) before it reaches a grain.</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        builder.AddOperatorAuthentication();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IAdminAuditSink, LoggingAdminAuditSink>();
        builder.Services.AddSingleton<AdminAuditTrail>();
        builder.Services.AddSingleton<RefusedAdminAuthentications>();
        builder.Services.AddSingleton<TenantAdmin>();
        builder.Services.AddSingleton<IntegrationAdmin>();
        builder.Services.AddSingleton<ConnectionAdmin>();
        builder.Services.AddSingleton<GovernanceAdmin>();
        builder.Services.AddSingleton<DirectoryAdmin>();
        builder.Services.AddSingleton<RateLimitAdmin>();
        builder.Services.AddSingleton<OAuthAdmin>();
        builder.Services.AddSingleton<AuditAdmin>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<AdminProblems>();
        // A request the framework cannot bind becomes a BadHttpRequestException that AdminProblems describes, not an
        // empty 400. (Process-wide; the other endpoints bind nothing that can fail.)
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // The OAuth routes answer with the tenants' public URLs.
        builder.Services.TryAddSingleton<OAuth.TenantUrls>();
        builder.Services.AddOpenApi(options => options.DescribePolicyChanges().AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Confluence MCP gateway admin API";
            document.Info.Description = "Operator routes take the operator key; a tenant's routes also take the API key of an admin of that tenant. "
                + "Both as `Authorization: Bearer …`. Every error is RFC 9457 problem details; a 400 names each invalid field under `errors`.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer" };
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Gives every admin response that would go out without a body (unknown route, wrong method or media type) a problem body.</summary>
    public static IApplicationBuilder UseAdminApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(http => Serves(http.Request), admin => admin.UseStatusCodePages(AdminProblems.WriteEmptyStatusAsync));

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("").WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes));
        admin.MapTenantsApi();
        admin.MapIntegrationApi();
        admin.MapConnectionsApi();
        admin.MapToolsApi();
        admin.MapToolsetsApi();
        admin.MapAccessProfilesApi();
        admin.MapUsersApi();
        admin.MapGroupsApi();
        admin.MapApiKeysApi();
        admin.MapSecurityApi();
        admin.MapAuditApi();
        admin.MapRateLimitsApi();
        admin.MapOAuthAdminApi();
        routes.MapOpenApi(OpenApiDocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal));
        routes.MapScalarApiReference(reference => reference.WithTitle("Admin API reference").WithOpenApiRoutePattern(OpenApiDocumentPath));
        return routes;
    }

    public static bool Serves(HttpRequest request) => request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal);
}
