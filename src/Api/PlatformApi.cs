using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration.Memory;
using Npgsql;
using Platform.Api.Admin;
using Platform.Api.Connections;
using Platform.Api.Mcp;
using Platform.Api.OAuth;
using Platform.Api.WebConsole;
using Platform.Api.Security;
using Platform.Grains.Connections;
using Platform.Hosting;
using Platform.ServiceDefaults;

namespace Platform.Api;

/// <summary>The Api host, buildable in-process (tests host it on a loopback port exactly as <c>Program</c> runs it).</summary>
public static class PlatformApi
{
    /// <param name="args">Command-line configuration, as <c>Program</c> passes it.</param>
    /// <param name="overrideServices">Last word on services, for hosts that swap one (the benchmark's audit sinks).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrideServices = null)
    {
        // The Api's own name, whichever program hosts it (the demo, tests), so its static web assets manifests are found.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(PlatformApi).Assembly.GetName().Name });
        // The console's assets (its script and style, Blazor's script) from the build output; a published app has them in wwwroot.
        builder.WebHost.UseStaticWebAssets();
        // Defaults under every other source: a deployment names its public host names in AllowedHosts, and until then
        // only loopback names are served (host filtering is the DNS-rebinding defence for Host).
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["AllowedHosts"] = "localhost;127.0.0.1;[::1]" },
        });
        builder.AddServiceDefaults("platform-api");
        builder.AddGracefulShutdown();
        var hosting = builder.AddHostingOptions();
        if (hosting.Mode == HostingMode.Embedded)
        {
            builder.AddPlatformSilo(hosting);
        }
        else
        {
            builder.AddPlatformClusterClient(hosting);
        }

        builder.Services.AddHealthChecks().AddClusterReadinessCheck();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton<LoggingAdminAuditSink>();
        builder.Services.AddSingleton<IAdminAuditSink, AuditLogAdminSink>();
        builder.AddAdminApi();
        builder.AddMcpGateway();
        builder.AddAuthenticationFailureThrottle();
        builder.AddOAuthServer();
        builder.AddConsole();
        // Cluster-mode Api pods host no grains but still tell admins the callback URL to register.
        builder.Services.AddOptions<PublicEndpointOptions>().BindConfiguration(PublicEndpointOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        overrideServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseClientAddress();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception switch
            {
                // A body over the limit surfaces as BadHttpRequestException(413) from whoever reads it; keep its status.
                BadHttpRequestException bad => bad.StatusCode,
                // The cluster or the database did not answer (a silo died mid-request, PostgreSQL restarting): try again.
                TimeoutException or OrleansException or NpgsqlException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        // Errors decided before any handler runs (routing's 404, 405 and 415, a challenge's 401) get a problem body too;
        // the admin API's own, registered inside this one, says more for its routes.
        app.UseStatusCodePages();
        app.UseAdminApiProblems();
        // Before any credential is looked at: a client that sent too many bad ones costs nothing more.
        app.UseAuthenticationFailureThrottle();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOriginGuard();
        app.UseJsonContentTypeGuard();
        app.UseToolScopeChallenge();
        app.UseHeadersWithFirstEvent();
        app.MapDefaultEndpoints();
        app.MapAdminApi();
        app.MapIntegrationCallbackApi();
        app.MapConnectLinkApi();
        app.MapMcpApi();
        app.MapOAuthApi();
        app.MapConsole();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Write(app, hosting));
        return app;
    }
}
