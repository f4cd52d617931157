using Platform.Api;

await PlatformApi.Build(args).RunAsync();
