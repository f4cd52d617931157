using ModelContextProtocol.Protocol;

namespace Platform.Mcp.Tests.Infrastructure;

public static class ToolResults
{
    /// <summary>All text a tool result carries, as the model reads it.</summary>
    public static string Text(this CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
