using Platform.Hosting;
using Platform.ServiceDefaults;
using Platform.Silo;

if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

if (args is ["audit", "verify", ..])
{
    return await AuditVerifyCommand.RunAsync(args[2..]);
}

return await StartupErrors.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults("platform-silo");
    builder.AddGracefulShutdown();
    builder.AddPlatformSilo(builder.AddHostingOptions());
    builder.Services.AddHealthChecks().AddClusterReadinessCheck();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
    return 0;
});
