using Microsoft.Net.Http.Headers;

namespace Platform.Api.Mcp;

/// <summary>
/// A POST to the MCP endpoint must say it carries JSON: without a JSON <c>Content-Type</c> it gets 415 and a problem body,
/// where the SDK would fail reading it. A middleware, because the SDK's endpoints run no endpoint filters.
/// </summary>
public static class JsonContentTypeGuard
{
    public static TBuilder RequireJsonPosts<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new JsonPostEndpoint());

    public static IApplicationBuilder UseJsonContentTypeGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsPost(http.Request.Method) || http.GetEndpoint()?.Metadata.GetMetadata<JsonPostEndpoint>() is null || IsJson(http.Request.ContentType))
            {
                await next(http);
                return;
            }

            await TypedResults.Problem(
                title: "Unsupported content type.",
                detail: "MCP requests are JSON-RPC messages: send them with 'Content-Type: application/json'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(http);
        });

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private sealed class JsonPostEndpoint;
}
