using System.Security.Cryptography;
using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>
/// Everything a client and governance see of a tool. <see cref="DefinitionHash"/> covers what a model is told and what
/// the tool may do, so an approval bound to it lapses when any of that changes.
/// </summary>
public sealed class ToolDefinition
{
    public ToolDefinition(string name, string title, string description, JsonElement inputSchema, JsonElement? outputSchema,
        ToolAccess access, bool idempotent, IReadOnlyList<string> scopes)
    {
        Name = name;
        Title = title;
        Description = description;
        InputSchema = inputSchema.Clone();
        OutputSchema = outputSchema?.Clone();
        Access = access;
        Idempotent = idempotent;
        Scopes = [.. scopes];
        CanonicalDefinition = WriteCanonical();
        DefinitionHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(CanonicalDefinition)));
    }

    public string Name { get; }

    public string Title { get; }

    /// <summary>Written for a model: what the tool does, when to use it, what it returns, pitfalls.</summary>
    public string Description { get; }

    public JsonElement InputSchema { get; }

    public JsonElement? OutputSchema { get; }

    public ToolAccess Access { get; }

    public bool Idempotent { get; }

    /// <summary>Granular Atlassian OAuth scopes the tool's calls need.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>SHA-256 (lower-case hex) of <see cref="CanonicalDefinition"/>.</summary>
    public string DefinitionHash { get; }

    /// <summary>The canonical JSON of name, title, description, schemas and annotations: what an approval covers.</summary>
    public string CanonicalDefinition { get; }

    public bool ReadOnlyHint => Access == ToolAccess.Read;

    public bool DestructiveHint => Access == ToolAccess.Destructive;

    /// <summary>Every Confluence tool talks to a system outside the gateway.</summary>
    public bool OpenWorldHint { get; } = true;

    private string WriteCanonical()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", Name);
            writer.WriteString("title", Title);
            writer.WriteString("description", Description);
            writer.WritePropertyName("inputSchema");
            CanonicalJson.Write(writer, InputSchema);
            writer.WritePropertyName("outputSchema");
            if (OutputSchema is { } output)
            {
                CanonicalJson.Write(writer, output);
            }
            else
            {
                writer.WriteNullValue();
            }
            writer.WriteStartObject("annotations");
            writer.WriteBoolean("destructiveHint", DestructiveHint);
            writer.WriteBoolean("idempotentHint", Idempotent);
            writer.WriteBoolean("openWorldHint", OpenWorldHint);
            writer.WriteBoolean("readOnlyHint", ReadOnlyHint);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
