using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting;

/// <summary>Says at every start, at warning level, that this cluster member talks to its peers without TLS.</summary>
internal sealed partial class ClusterTlsDisabledWarning(ILogger<ClusterTlsDisabledWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDisabled(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "CLUSTER TLS IS DISABLED (Hosting:Tls:Enabled=false): silo and gateway connections are unauthenticated and unencrypted, "
        + "so anyone who reaches these ports can call any grain of any tenant. Use this only on a development machine bound to loopback.")]
    private static partial void LogDisabled(ILogger logger);
}
