namespace Platform.Grains.Tools;

/// <summary>
/// One MCP tools/call as the Api hands it to the user's grain: the tool, its raw JSON arguments, the AI client, and the
/// credential the caller authenticated with (<c>api-key:&lt;id&gt;</c> or <c>oauth:&lt;client&gt;</c>), with who issued it
/// when that was not the user, for the audit log.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.ToolCall")]
public sealed record ToolCall(
    [property: Id(0)] string ToolName,
    [property: Id(1)] string ArgumentsJson,
    [property: Id(2)] McpClientInfo Client,
    [property: Id(3)] string? Credential = null,
    [property: Id(4)] string? CredentialIssuer = null)
{
    /// <summary>The caller's grant covers tools that only read (an OAuth client granted <c>confluence:read</c> alone).</summary>
    [Id(5)]
    public bool ReadOnly { get; init; }

    /// <summary>This call among the user's calls running at once, so the Api can ask whether it still runs.</summary>
    [Id(6)]
    public Guid CallId { get; init; } = Guid.NewGuid();

    public override string ToString() => $"ToolCall({ToolName}, {ArgumentsJson.Length} chars of arguments)";
}
