using Platform.Audit;
using Platform.Grains.Identity;

namespace Platform.Grains.Tools;

/// <summary>How a tool call is written to the audit log: the decision and why, from how the call ended (the log bounds the text).</summary>
internal static class ToolCallAudit
{
    public static AuditRecord Record(
        (TenantId Tenant, UserId User) caller, ToolCall call, ToolCallResult result, DateTimeOffset occurredAt, TimeSpan latency, TimeSpan upstreamLatency)
    {
        var (decision, reason) = result.Status switch
        {
            ToolCallStatus.Succeeded => (AuditDecision.Allowed, null),
            // Allowed by the gateway; Confluence's answer is in the upstream status.
            ToolCallStatus.ToolError => (AuditDecision.Allowed, result.Text),
            ToolCallStatus.Denied or ToolCallStatus.UnknownTool => (AuditDecision.Denied, result.Text),
            ToolCallStatus.RateLimited => (AuditDecision.RateLimited, result.Text),
            ToolCallStatus.ConnectionRequired => (AuditDecision.Failed, "The user has no working Atlassian connection."),
            _ => (AuditDecision.Failed, result.Text),
        };
        return AuditRecord.ForToolCall(caller.Tenant, caller.User, call, decision, reason, result.UpstreamStatus, latency,
            upstreamLatency > TimeSpan.Zero ? upstreamLatency : null, occurredAt);
    }
}
