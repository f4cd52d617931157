namespace Platform.Grains.Tools;

/// <summary>How a tool call ended; the Api maps each to MCP (a result, a tool error, or a JSON-RPC error).</summary>
public enum ToolCallStatus
{
    /// <summary>Confluence answered and the result is in the text (and structured JSON).</summary>
    Succeeded,

    /// <summary>The call reached Confluence (or tried to) and failed in a way the model can act on: 404, 409, 403…</summary>
    ToolError,

    /// <summary>The arguments do not match the tool's input schema: JSON-RPC invalid params.</summary>
    InvalidArguments,

    /// <summary>No tool of that name is offered to this user.</summary>
    UnknownTool,

    /// <summary>Governance refused: the tool is not approved, not granted to the user, or a kill switch is on.</summary>
    Denied,

    /// <summary>The user has no working Atlassian connection; <see cref="ToolCallResult.ConnectLink"/> says where to connect.</summary>
    ConnectionRequired,

    /// <summary>A rate limit refused the call before Confluence was asked; <see cref="ToolCallResult.RetryAfter"/> says when to retry.</summary>
    RateLimited,
}
