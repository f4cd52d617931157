using Microsoft.Extensions.Options;

namespace Platform.Api.Mcp;

/// <summary>
/// DNS-rebinding defence for the MCP endpoint: a browser page from another origin must not drive a user's MCP session.
/// Host names are checked by ASP.NET Core's host filtering (<c>AllowedHosts</c>); this checks <c>Origin</c> on endpoints
/// marked with <see cref="RequireAllowedOrigin"/>. A middleware, because the SDK's endpoints run no endpoint filters.
/// </summary>
public static class OriginGuard
{
    public static TBuilder RequireAllowedOrigin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new OriginCheckedEndpoint());

    public static IApplicationBuilder UseOriginGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var origin = http.Request.Headers.Origin.ToString();
            if (origin.Length == 0 || http.GetEndpoint()?.Metadata.GetMetadata<OriginCheckedEndpoint>() is null || IsAllowed(http, origin))
            {
                await next(http);
                return;
            }

            await Results.Problem(
                title: "Origin not allowed.",
                detail: "This MCP endpoint does not accept requests from that browser origin.",
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
        });

    private static bool IsAllowed(HttpContext http, string origin)
    {
        var allowed = http.RequestServices.GetRequiredService<IOptions<McpOptions>>().Value.AllowedOrigins;
        if (allowed.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        // The endpoint's own origin (a page it served) is always fine.
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Scheme, http.Request.Scheme, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class OriginCheckedEndpoint;
}
