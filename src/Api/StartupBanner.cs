using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
        LogStarted(app.Logger, addresses, state);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform Api listening on {Addresses}; {State}")]
    private static partial void LogStarted(ILogger logger, ICollection<string> addresses, string state);
}
