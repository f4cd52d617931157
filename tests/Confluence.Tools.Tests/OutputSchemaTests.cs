using System.Text.Json;

namespace Platform.Confluence.Tools.Tests;

/// <summary>Structured results carry exactly the top-level members their output schemas declare.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class OutputSchemaTests(SimulatorFixture simulator)
{
    [Fact]
    public async Task Structured_results_match_their_output_schemas()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Schema"));
        var calls = new (string Tool, object Arguments)[]
        {
            ("get_page", new { pageId = page.Id() }),
            ("search", new { query = "deployment" }),
            ("list_pages", new { spaceKey = "ENG" }),
            ("get_page_children", new { pageId = page.Id() }),
            ("list_spaces", new { }),
            ("get_space", new { spaceKey = "ENG" }),
            ("update_page", new { pageId = page.Id(), title = page.GetProperty("title").GetString() + "!" }),
            ("set_page_property", new { pageId = page.Id(), key = "k", value = 1 }),
            ("get_page_property", new { pageId = page.Id() }),
            ("list_accessible_sites", new { }),
        };
        foreach (var (tool, arguments) in calls)
        {
            var schema = ToolCatalog.Default.Find(tool)!.Definition.OutputSchema;
            Assert.True(schema.HasValue, $"{tool} declares no output schema");
            var structured = (await api.RunAsync(tool, arguments)).Structured();
            var declared = schema.Value.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
            var present = structured.EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.True(declared.SetEquals(present), $"{tool}: declared {string.Join(",", declared)}, got {string.Join(",", present)}");
            foreach (var required in schema.Value.GetProperty("required").EnumerateArray())
            {
                Assert.NotEqual(JsonValueKind.Undefined, structured.GetProperty(required.GetString()!).ValueKind);
            }
        }
    }
}
