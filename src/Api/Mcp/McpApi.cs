using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.AspNetCore.Authentication;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Protocol;
using Platform.Api.OAuth;
using Platform.Confluence.Tools;
using Platform.Grains.Confluence;
using Platform.Grains.Identity;

namespace Platform.Api.Mcp;

/// <summary>
/// Each tenant's MCP endpoint, <c>/t/{tenant}/mcp</c> (Streamable HTTP), authenticated by per-user API keys or by access
/// tokens of the tenant's authorization server.
/// </summary>
public static class McpApi
{
    public const string Route = "/t/{tenant}/mcp";
    private const string PolicyName = "McpApiKey";

    public static WebApplicationBuilder AddMcpGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<McpOptions>().BindConfiguration(McpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The tool-call hop waits as long as a call's Confluence timeout allows (cluster-mode Api pods host no grains).
        builder.Services.AddOptions<ConfluenceOptions>().BindConfiguration(ConfluenceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache(cache => cache.SizeLimit = 100_000);
        builder.Services.AddSingleton<ApiKeyVerifier>();
        builder.Services.AddSingleton(ToolCatalog.Default);
        builder.Services.AddSingleton<McpToolCatalog>();
        builder.Services.AddSingleton<McpToolListCache>();
        builder.Services.AddSingleton<McpToolHandlers>();
        builder.Services.AddSingleton<McpSessionRegistry>();
        builder.Services.AddHostedService(services => services.GetRequiredService<McpSessionRegistry>());

        builder.Services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, McpBearerAuthenticationHandler>(McpBearerAuthenticationHandler.SchemeName, null)
            .AddMcp(mcp =>
            {
                // Unauthenticated requests are challenged with the RFC 9728 metadata of the endpoint they asked for,
                // which the handler serves per tenant at /.well-known/oauth-protected-resource/t/{tenant}/mcp, naming
                // that tenant's authorization server.
                mcp.ForwardAuthenticate = McpBearerAuthenticationHandler.SchemeName;
                mcp.ResourceMetadata = new ProtectedResourceMetadata
                {
                    ResourceName = "Confluence MCP gateway",
                    BearerMethodsSupported = ["header"],
                };
                mcp.Events.OnResourceMetadataRequest = ProtectedResourceMetadataOf;
            });
        builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            // The MCP scheme authenticates through the API-key scheme and challenges with the resource metadata.
            .AddAuthenticationSchemes(McpAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser());

        builder.Services.AddMcpServer(server =>
            {
                server.ServerInfo = new Implementation { Name = "confluence-mcp-gateway", Title = "Confluence", Version = typeof(McpApi).Assembly.GetName().Version?.ToString(3) ?? "0.0.0" };
                // Sessions hear when governance changes the user's tools (the SDK drops this for sessionless requests).
                server.Capabilities = new ServerCapabilities
                {
                    Tools = new ToolsCapability { ListChanged = true },
                    Resources = new ResourcesCapability { Subscribe = false, ListChanged = false },
                };
                server.ServerInstructions = "Tools for working in Confluence Cloud as the signed-in user. Read tools return Markdown; "
                    + "use format=storage on reads and writes for lossless edits. Search with CQL or plain text. Pages are also resources: confluence://pages/{pageId}.";
            })
            .WithHttpTransport(transport =>
            {
                // 2026-07-28 clients are served statelessly (that revision has no sessions); clients that start with
                // initialize get a session, which is what carries notifications/tools/list_changed to them.
                transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCPEXP002 // The session hook is experimental; it is the only place a session's server is known.
                transport.RunSessionHandler = (http, server, cancellationToken) =>
                    McpCaller.TryFrom(http.User, out var caller)
                        ? http.RequestServices.GetRequiredService<McpSessionRegistry>().RunSessionAsync(caller, server, cancellationToken)
                        : server.RunAsync(cancellationToken);
#pragma warning restore MCPEXP002
            })
            .WithSubscriptionsListenHandler(McpSubscriptions.ListenAsync)
            .WithListResourcesHandler(McpPageResources.ListAsync)
            .WithListResourceTemplatesHandler(McpPageResources.ListTemplatesAsync)
            .WithReadResourceHandler(McpPageResources.ReadAsync)
            .WithMessageFilters(filters => filters.AddIncomingFilter(McpToolHandlers.Filter));
        return builder;
    }

    /// <summary>The metadata of <c>/t/{tenant}/mcp</c>: that resource, its tenant's issuer, the scopes it understands.</summary>
    private static Task ProtectedResourceMetadataOf(ResourceMetadataRequestContext context)
    {
        var path = context.HttpContext.Request.Path.Value ?? "";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is [".well-known", "oauth-protected-resource", "t", var tenantId, "mcp"] && TenantId.TryParse(tenantId, out var tenant))
        {
            var urls = context.HttpContext.RequestServices.GetRequiredService<TenantUrls>();
            context.ResourceMetadata = new ProtectedResourceMetadata
            {
                Resource = urls.Resource(tenant).AbsoluteUri,
                AuthorizationServers = [urls.Issuer(tenant).AbsoluteUri],
                ScopesSupported = [.. OAuthScopes.ResourceScopes],
                ResourceName = "Confluence MCP gateway",
                BearerMethodsSupported = ["header"],
            };
        }

        return Task.CompletedTask;
    }

    public static WebApplication MapMcpApi(this WebApplication app)
    {
        var maxBytes = app.Services.GetRequiredService<IOptions<McpOptions>>().Value.MaxRequestBytes;
        app.MapMcp(Route)
            .RequireAuthorization(PolicyName)
            .RequireAllowedOrigin()
            .RequireJsonPosts()
            .SendHeadersWithFirstEvent()
            .RequireToolScopes()
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes));
        return app;
    }
}
