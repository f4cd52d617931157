using Platform.Api;
using Platform.Api.Admin;
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
builder.AddOperatorAuthentication();

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapTenantsApi();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Write(app, hosting));
await app.RunAsync();
