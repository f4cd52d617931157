namespace Platform.Grains.Tools;

/// <summary>One MCP tools/call as the Api hands it to the user's grain: the tool, its raw JSON arguments and who asks.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ToolCall")]
public sealed record ToolCall(
    [property: Id(0)] string ToolName,
    [property: Id(1)] string ArgumentsJson,
    [property: Id(2)] McpClientInfo Client)
{
    public override string ToString() => $"ToolCall({ToolName}, {ArgumentsJson.Length} chars of arguments)";
}
