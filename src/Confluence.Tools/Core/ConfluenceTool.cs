using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>One MCP tool over Confluence: its immutable definition and how to run it through the caller's transport.</summary>
public abstract class ConfluenceTool
{
    public abstract ToolDefinition Definition { get; }

    public abstract Task<ToolOutcome> InvokeAsync(JsonElement arguments, IConfluenceApi api, CancellationToken cancellationToken);
}
