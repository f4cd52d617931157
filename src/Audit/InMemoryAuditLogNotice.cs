using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Audit;

/// <summary>Says at start that audit rows live only in this process, so nobody mistakes embedded mode for a durable log.</summary>
internal sealed partial class InMemoryAuditLogNotice(ILogger<InMemoryAuditLogNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogInMemory(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit log is in memory: audit rows are lost when this process exits (embedded mode)")]
    private static partial void LogInMemory(ILogger logger);
}
