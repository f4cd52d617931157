using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Platform.Api.Mcp;

namespace Platform.Mcp.Tests;

/// <summary>A result serialized once is sent byte for byte as it was serialized, and stays a result the SDK may add to.</summary>
public sealed class PreSerializedJsonTests
{
    private static readonly CallToolResult Result = new()
    {
        Content = [new TextContentBlock { Text = "# Café <b> \u2028 \"quoted\" 😀" }],
        StructuredContent = JsonElement.Parse("""{"page":{"id":"42","title":"Café","labels":["a","b"]}}"""),
        IsError = false,
    };

    [Fact]
    public void The_sdks_message_writer_copies_each_member_out_verbatim()
    {
        // If an SDK release stops writing as expected, results still go out (parsed, token by token) but this fails, so the regression is seen.
        Assert.True(PreSerializedJson.WritesVerbatim);

        var serialized = JsonSerializer.SerializeToUtf8Bytes(Result, McpJsonUtilities.DefaultOptions);
        var node = PreSerializedJson.From(Result, McpJsonUtilities.DefaultOptions).ToNode();
        node["_meta"] = new JsonObject { ["added"] = "by the SDK" };
        var message = JsonSerializer.Serialize<JsonRpcMessage>(new JsonRpcResponse { Id = new RequestId(7), Result = node }, McpJsonUtilities.DefaultOptions);

        var original = JsonNode.Parse(serialized)!.AsObject();
        var sent = JsonNode.Parse(message)!["result"]!.AsObject();
        Assert.Equal("by the SDK", (string?)sent["_meta"]!["added"]);
        sent.Remove("_meta");
        Assert.True(JsonNode.DeepEquals(original, sent), message);
        // Verbatim: every member's bytes as the serializer wrote them, escapes included.
        foreach (var (name, value) in original)
        {
            Assert.Contains($"\"{name}\":{value!.ToJsonString(McpJsonUtilities.DefaultOptions)}", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void One_result_backs_concurrent_responses_each_with_its_own_node()
    {
        var shared = PreSerializedJson.From(Result, McpJsonUtilities.DefaultOptions);
        var first = shared.ToNode();
        var second = shared.ToNode();

        first["isError"] = true;

        Assert.NotSame(first, second);
        Assert.Contains("\"isError\":true", JsonSerializer.Serialize(first, McpJsonUtilities.DefaultOptions), StringComparison.Ordinal);
        Assert.Contains("\"isError\":false", JsonSerializer.Serialize(second, McpJsonUtilities.DefaultOptions), StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(Result, McpJsonUtilities.DefaultOptions)), shared.Length);
    }
}
