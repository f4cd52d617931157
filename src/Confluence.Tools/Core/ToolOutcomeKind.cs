namespace Platform.Confluence.Tools;

/// <summary>How a tool invocation ended.</summary>
public enum ToolOutcomeKind
{
    /// <summary>Confluence answered; the text (and structured JSON) hold the result.</summary>
    Success,

    /// <summary>The arguments were wrong; nothing was sent to Confluence.</summary>
    InvalidArguments,

    /// <summary>Confluence refused or failed in a way the model can act on.</summary>
    ToolError,
}
