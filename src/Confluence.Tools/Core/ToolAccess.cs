namespace Platform.Confluence.Tools;

/// <summary>What a tool does to Confluence; governance and the MCP annotations are derived from it.</summary>
public enum ToolAccess
{
    /// <summary>Only reads (readOnlyHint).</summary>
    Read,

    /// <summary>Creates or changes content without destroying any.</summary>
    Write,

    /// <summary>Deletes or overwrites content (destructiveHint).</summary>
    Destructive,
}
