namespace Platform.Grains.Tools;

/// <summary>How a tool call ended; the Api maps each to MCP (a result, a tool error, or a JSON-RPC error).</summary>
public enum ToolCallStatus
{
    /// <summary>Confluence answered and the result is in the text (and structured JSON).</summary>
    Succeeded,

    /// <summary>The call reached Confluence (or tried to) and failed in a way the model can act on: 404, 409, 403, 5xx…</summary>
    ToolError,

    /// <summary>The arguments do not match the tool's input schema; nothing was sent to Confluence.</summary>
    InvalidArguments,

    /// <summary>No tool of that name exists.</summary>
    UnknownTool,

    /// <summary>Governance refused: the tool is not approved, not granted to the user, or a kill switch is on.</summary>
    Denied,

    /// <summary>The user has no working Atlassian connection; <see cref="ToolCallResult.ConnectLink"/> says where to connect.</summary>
    ConnectionRequired,

    /// <summary>A rate limit refused the call before Confluence was asked; <see cref="ToolCallResult.RetryAfter"/> says when to retry.</summary>
    RateLimited,

    /// <summary>The client cancelled (or went away) before any write was sent: nothing was changed.</summary>
    Cancelled,

    /// <summary>Confluence did not answer in time. The text says whether a change may have been applied.</summary>
    TimedOut,

    /// <summary>The gateway failed while running the call. The text says whether a change may have been applied.</summary>
    Failed,
}
