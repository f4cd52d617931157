using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Platform.Grains.Security;
using Platform.Hosting;

namespace Platform.Api;

/// <summary>Tells whoever started the process where it listens and where its state lives.</summary>
internal static partial class StartupBanner
{
    public static void Write(WebApplication app, HostingOptions hosting)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var state = hosting.Mode == HostingMode.Embedded
            ? "embedded mode: one process, state is in memory and is lost when it stops"
            : $"cluster mode: cluster '{hosting.ClusterId}', state in PostgreSQL";
        if (hosting.Mode == HostingMode.Embedded
            && app.Services.GetRequiredService<IOptions<KeyRingOptions>>().Value.ActiveKeyId == PlatformSiloExtensions.DevelopmentKeyId)
        {
            state += "; tokens are sealed with a development key generated for this process (configure Security:KeyRing for real keys)";
        }

        LogStarted(app.Logger, addresses, state);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform Api listening on {Addresses}; {State}")]
    private static partial void LogStarted(ILogger logger, ICollection<string> addresses, string state);
}
