using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Audit;

/// <summary>
/// Says at start that audit rows live only in this process and how many it keeps, so nobody mistakes embedded mode for
/// a durable or complete log.
/// </summary>
internal sealed partial class InMemoryAuditLogNotice(IOptions<InMemoryAuditOptions> options, ILogger<InMemoryAuditLogNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogInMemory(logger, options.Value.MaxRows, options.Value.MaxBytes / (1024 * 1024));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit log is in memory (embedded mode): rows are lost when this process exits, and only the newest "
        + "{MaxRows} rows or {MaxMegabytes} MiB are kept (Audit:InMemory:MaxRows, Audit:InMemory:MaxBytes); older ones are dropped")]
    private static partial void LogInMemory(ILogger logger, int maxRows, long maxMegabytes);
}
