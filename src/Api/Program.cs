using System.Text.Json.Serialization;
using Platform.Api;
using Platform.Api.Admin;
using Platform.Api.Connections;
using Platform.Grains.Connections;
using Platform.Hosting;
using Platform.ServiceDefaults;

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
builder.AddAdminApi();
// Cluster-mode Api pods host no grains but still tell admins the callback URL to register.
builder.Services.AddOptions<PublicEndpointOptions>().BindConfiguration(PublicEndpointOptions.Section).ValidateDataAnnotations().ValidateOnStart();

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapAdminApi();
app.MapIntegrationCallbackApi();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Write(app, hosting));
await app.RunAsync();
