using System.Text.Json.Serialization;
using Platform.Api;
using Platform.Api.Admin;
using Platform.Api.Connections;
using Platform.Hosting;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("platform-api");
var hosting = builder.AddHostingOptions();
if (hosting.Mode == HostingMode.Embedded)
{
    builder.AddPlatformSilo();
}
else
{
    builder.AddPlatformClusterClient();
}

builder.Services.AddHealthChecks().AddClusterReadinessCheck();
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.AddOperatorAuthentication();

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapTenantsApi();
app.MapIntegrationApi();
app.MapConnectionsApi();
app.MapIntegrationCallbackApi();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Write(app, hosting));
await app.RunAsync();
