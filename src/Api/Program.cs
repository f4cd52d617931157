using Platform.Api;
using Platform.Hosting;

return await StartupErrors.RunAsync(async () =>
{
    await PlatformApi.Build(args).RunAsync();
    return 0;
});
