using System.Text.Json;
using Platform.Api.OAuth;

namespace Platform.Api.Mcp;

/// <summary>
/// RFC 6750 step-up for MCP: when an OAuth client holding only the read scope sends <c>tools/call</c> for a tool that
/// writes, the request is answered <c>403</c> with <c>WWW-Authenticate: Bearer error="insufficient_scope",
/// scope="confluence:read confluence:write"</c> before it reaches the tool, so the client can ask the person for more.
/// A middleware, because the SDK's endpoints run no endpoint filters and the answer must be an HTTP status.
/// </summary>
public static class ToolScopeChallenge
{
    public static TBuilder RequireToolScopes<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ScopeCheckedEndpoint());

    public static IApplicationBuilder UseToolScopeChallenge(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsPost(http.Request.Method) || http.GetEndpoint()?.Metadata.GetMetadata<ScopeCheckedEndpoint>() is null
                || !McpCaller.TryFrom(http.User, out var caller) || !caller.ReadOnly)
            {
                await next(http);
                return;
            }

            var tool = await CalledToolAsync(http.Request, http.RequestAborted);
            var catalog = http.RequestServices.GetRequiredService<McpToolCatalog>();
            if (tool is null || !catalog.Contains(tool) || catalog.IsReadOnly(tool))
            {
                await next(http);
                return;
            }

            var metadata = http.RequestServices.GetRequiredService<TenantUrls>().ResourceMetadata(caller.Tenant);
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.Headers.WWWAuthenticate =
                $"Bearer error=\"insufficient_scope\", scope=\"{OAuthScopes.Read} {OAuthScopes.Write}\", resource_metadata=\"{metadata.AbsoluteUri}\", "
                + $"error_description=\"'{tool}' changes Confluence and needs {OAuthScopes.Write}\"";
        });

    /// <summary>
    /// The tool a <c>tools/call</c> request names, or null. A 2026-07-28 client says so in the <c>Mcp-Method</c> and
    /// <c>Mcp-Name</c> headers, which the SDK checks against the body at that revision (a mismatch is refused), so the
    /// body is parsed only for older clients, whose headers nobody checks. (The grain refuses a read-only grant's write
    /// either way; this only turns it into a challenge the client can act on.)
    /// </summary>
    private static async Task<string?> CalledToolAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Headers[ProtocolVersionHeader] is [var version] && string.CompareOrdinal(version, HeaderCheckedSince) >= 0
            && request.Headers[McpMethodHeader] is [var method])
        {
            return method == "tools/call" && request.Headers[McpNameHeader] is [var name] ? name : null;
        }

        request.EnableBuffering();
        try
        {
            return await CalledToolInBodyAsync(request.Body, cancellationToken);
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>The tool a JSON-RPC <c>tools/call</c> request (or any call in a batch) names, or null.</summary>
    private static async Task<string?> CalledToolInBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            var messages = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
            return messages
                .Where(message => message.ValueKind == JsonValueKind.Object
                    && message.TryGetProperty("method", out var method) && method.ValueEquals("tools/call")
                    && message.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object
                    && parameters.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                .Select(message => message.GetProperty("params").GetProperty("name").GetString())
                .FirstOrDefault();
        }
        catch (JsonException)
        {
            // Not JSON-RPC: the SDK answers it.
            return null;
        }
    }

    private const string ProtocolVersionHeader = "MCP-Protocol-Version";
    private const string HeaderCheckedSince = "2026-07-28";
    private const string McpMethodHeader = "Mcp-Method";
    private const string McpNameHeader = "Mcp-Name";

    private sealed class ScopeCheckedEndpoint;
}
