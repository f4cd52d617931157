using Microsoft.Extensions.Logging;

namespace Platform.Grains.Connections;

/// <summary>What the user grain logs: each fault of the gateway or of Atlassian once, and a skipped unregistration.</summary>
public sealed partial class UserConnectionGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Atlassian's token service failed a call of {Tenant}/{User}: {Reason}")]
    private static partial void LogTokenServiceFailed(ILogger logger, string tenant, string user, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Confluence did not answer {Tool} for {Tenant}/{User} in time")]
    private static partial void LogUpstreamTimeout(ILogger logger, string tenant, string user, string tool);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool call {Tool} of {Tenant}/{User} was refused a destination: {Reason}")]
    private static partial void LogDestinationRefused(ILogger logger, string tenant, string user, string tool, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tool call {Tool} of {Tenant}/{User} failed in the gateway")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, string tenant, string user, string tool);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Tenant}/{User} deactivated without unregistering from governance: {Reason}")]
    private static partial void LogUnregisterSkipped(ILogger logger, string tenant, string user, string reason);
}
