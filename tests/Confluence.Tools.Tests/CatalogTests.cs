using System.Text.Json;
using System.Text.RegularExpressions;
using AtlassianSimulator.Access;

namespace Platform.Confluence.Tools.Tests;

public sealed partial class CatalogTests
{
    private static IReadOnlyList<ToolDefinition> Definitions => [.. ToolCatalog.Default.Tools.Select(t => t.Definition)];

    public static TheoryData<string> ToolNames => [.. Definitions.Select(d => d.Name)];

    [Fact]
    public void Offers_at_least_30_tools_with_unique_snake_case_names()
    {
        Assert.True(Definitions.Count >= 30, $"{Definitions.Count} tools");
        Assert.Equal(Definitions.Count, Definitions.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Definitions, d => Assert.Matches(SnakeCase(), d.Name));
        Assert.All(Definitions, d => Assert.Same(ToolCatalog.Default.Find(d.Name)!.Definition, d));
        Assert.Null(ToolCatalog.Default.Find("no_such_tool"));
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void Every_tool_is_fully_described(string name)
    {
        var definition = ToolCatalog.Default.Find(name)!.Definition;
        Assert.False(string.IsNullOrWhiteSpace(definition.Title));
        Assert.True(definition.Description.Length >= 60, "the description should tell a model what, when and what it returns");
        var schema = definition.InputSchema;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        var properties = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => x.Name).ToHashSet() : [];
        foreach (var property in properties)
        {
            Assert.True(schema.GetProperty("properties").GetProperty(property).TryGetProperty("description", out _), $"{name}.{property} has no description");
        }
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        Assert.All(required, x => Assert.Contains(x, properties));
        Assert.True(definition.OpenWorldHint);
        Assert.Equal(definition.Access == ToolAccess.Read, definition.ReadOnlyHint);
        Assert.Equal(definition.Access == ToolAccess.Destructive, definition.DestructiveHint);
        if (definition.OutputSchema is { } output)
        {
            Assert.Equal("object", output.GetProperty("type").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void Every_scope_is_one_Atlassian_knows(string name)
    {
        var definition = ToolCatalog.Default.Find(name)!.Definition;
        // Only the site list needs no Confluence scope: accessible-resources answers any valid token.
        if (name != "list_accessible_sites")
        {
            Assert.NotEmpty(definition.Scopes);
        }
        var known = ScopeTable.AllScopes().ToHashSet(StringComparer.Ordinal);
        Assert.All(definition.Scopes, s => Assert.Contains(s, known));
    }

    [Fact]
    public void Required_arguments_follow_the_records()
    {
        var schema = ToolCatalog.Default.Find("update_page")!.Definition.InputSchema;
        Assert.Equal(["pageId"], schema.GetProperty("required").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(1, schema.GetProperty("properties").GetProperty("version").GetProperty("minimum").GetInt32());
        Assert.Equal("^[0-9]{1,20}$", schema.GetProperty("properties").GetProperty("pageId").GetProperty("pattern").GetString());
        var format = schema.GetProperty("properties").GetProperty("format").GetProperty("enum").EnumerateArray().Select(x => x.GetString());
        Assert.Equal(["markdown", "storage"], format);
    }

    [Fact]
    public void Hashes_are_stable_and_follow_the_definition()
    {
        var again = new GetPageTool().Definition;
        var original = ToolCatalog.Default.Find("get_page")!.Definition;
        Assert.Equal(original.DefinitionHash, again.DefinitionHash);
        Assert.Matches("^[0-9a-f]{64}$", original.DefinitionHash);
        Assert.Equal(Definitions.Count, Definitions.Select(d => d.DefinitionHash).Distinct().Count());

        ToolDefinition With(string description, ToolAccess access = ToolAccess.Read, bool idempotent = true) =>
            new(original.Name, original.Title, description, original.InputSchema, original.OutputSchema, access, idempotent, original.Scopes);
        Assert.Equal(original.DefinitionHash, With(original.Description).DefinitionHash);
        Assert.NotEqual(original.DefinitionHash, With(original.Description + " ").DefinitionHash);
        Assert.NotEqual(original.DefinitionHash, With(original.Description, ToolAccess.Write).DefinitionHash);
        Assert.NotEqual(original.DefinitionHash, With(original.Description, idempotent: false).DefinitionHash);

        // Member order in a schema does not matter; content does.
        var reordered = JsonDocument.Parse("{\"type\":\"object\",\"additionalProperties\":false}").RootElement;
        var ordered = JsonDocument.Parse("{\"additionalProperties\":false,\"type\":\"object\"}").RootElement;
        Assert.Equal(
            new ToolDefinition("x", "X", "d", reordered, null, ToolAccess.Read, true, []).DefinitionHash,
            new ToolDefinition("x", "X", "d", ordered, null, ToolAccess.Read, true, []).DefinitionHash);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
