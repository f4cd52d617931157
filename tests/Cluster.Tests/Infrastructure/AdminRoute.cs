using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Admin;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>One admin route as the Api maps it: method, route pattern, and whether it reads a JSON body.</summary>
public sealed record AdminRoute(string Method, string Pattern, bool HasBody)
{
    public override string ToString() => $"{Method} {Pattern}";

    /// <summary>
    /// Every <c>/admin/v1</c> route, read from the endpoint data source of an app that maps the admin API exactly as
    /// the Api's Program does (<see cref="AdminApi.MapAdminApi"/>), so a new route cannot escape the tests.
    /// </summary>
    public static IReadOnlyList<AdminRoute> All()
    {
        var builder = WebApplication.CreateBuilder();
        // Only registered so handler parameters bind as services; nothing here calls a grain.
        builder.Services.AddSingleton<IGrainFactory>(_ => throw new NotSupportedException());
        builder.AddAdminApi();
        var app = builder.Build();
        app.MapAdminApi();
        return [.. ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/admin/v1", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => new AdminRoute(
                method,
                endpoint.RoutePattern.RawText!.TrimEnd('/'),
                endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)))];
    }
}
