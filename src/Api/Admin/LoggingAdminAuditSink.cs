using Platform.Audit;

namespace Platform.Api.Admin;

/// <summary>Records each admin change as one structured log line.</summary>
public sealed partial class LoggingAdminAuditSink(ILogger<LoggingAdminAuditSink> logger) : IAdminAuditSink
{
    public Task RecordAsync(AdminAuditEvent change, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var before = change.Before?.ToJsonString() ?? "null";
            var after = change.After?.ToJsonString() ?? "null";
            LogChange(logger, change.At, change.Actor, change.Tenant, change.Action, change.Target, change.Decision, before, after);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventName = "AdminChange", Level = LogLevel.Information,
        Message = "Admin change at {At} by {Actor} in {Tenant}: {Action} {Target} ({Decision}): {Before} -> {After}")]
    private static partial void LogChange(ILogger logger, DateTimeOffset at, string actor, string? tenant, string action, string target, AuditDecision decision, string before, string after);
}
