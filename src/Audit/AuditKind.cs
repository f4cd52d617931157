namespace Platform.Audit;

public enum AuditKind
{
    /// <summary>An MCP tools/call, whatever its outcome.</summary>
    ToolCall,

    /// <summary>A change made through the admin API by a tenant admin or the operator.</summary>
    AdminAction,
}
