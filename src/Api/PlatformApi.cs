using System.Text.Json.Serialization;
using Platform.Api.Admin;
using Platform.Api.Connections;
using Platform.Api.Mcp;
using Platform.Grains.Connections;
using Platform.Hosting;
using Platform.ServiceDefaults;

namespace Platform.Api;

/// <summary>The Api host, buildable in-process (tests host it on a loopback port exactly as <c>Program</c> runs it).</summary>
public static class PlatformApi
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("platform-api");
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
        builder.AddOperatorAuthentication();
        builder.AddMcpGateway();
        // Cluster-mode Api pods host no grains but still tell admins the callback URL to register.
        builder.Services.AddOptions<PublicEndpointOptions>().BindConfiguration(PublicEndpointOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOriginGuard();
        app.MapDefaultEndpoints();
        app.MapTenantsApi();
        app.MapIntegrationApi();
        app.MapConnectionsApi();
        app.MapIntegrationCallbackApi();
        app.MapMcpApi();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Write(app, hosting));
        return app;
    }
}
