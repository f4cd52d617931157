namespace Platform.Grains.Tools;

/// <summary>The AI client's self-declared name and version from MCP <c>initialize</c>, for the audit log.</summary>
[GenerateSerializer, Immutable, Alias("Platform.McpClientInfo")]
public sealed record McpClientInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Version)
{
    public static McpClientInfo Unknown { get; } = new("unknown", "unknown");
}
