using System.Text.Json;

namespace Platform.Confluence.Tools.Tests;

/// <summary>Structured results carry exactly the top-level members their output schemas declare.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class OutputSchemaTests(SimulatorFixture simulator)
{
    private static readonly string[] Labels = ["schema"];

    [Fact]
    public async Task Structured_results_match_their_output_schemas()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Schema"), "<h2>Schema</h2><p>Text.</p>");
        var calls = new (string Tool, object Arguments)[]
        {
            ("get_page", new { pageId = page.Id() }),
            ("search_content", new { query = "deployment" }),
            ("search", new { query = "deployment" }),
            ("list_pages", new { spaceKey = "ENG" }),
            ("get_page_children", new { pageId = page.Id() }),
            ("list_spaces", new { }),
            ("get_space", new { spaceKey = "ENG" }),
            ("update_page", new { pageId = page.Id(), title = page.GetProperty("title").GetString() + "!" }),
            ("set_page_property", new { pageId = page.Id(), key = "k", value = 1 }),
            ("get_page_property", new { pageId = page.Id() }),
            ("list_accessible_sites", new { }),
            ("get_page_ancestors", new { pageId = page.Id() }),
            ("get_page_tree", new { pageId = page.Id() }),
            ("get_page_versions", new { pageId = page.Id() }),
            ("diff_page_versions", new { pageId = page.Id() }),
            ("list_labels", new { contentId = page.Id() }),
            ("add_labels", new { contentId = page.Id(), labels = Labels }),
            ("remove_label", new { contentId = page.Id(), label = "schema" }),
            ("list_attachments", new { pageId = (await api.CreatePageAsync(TestContent.UniqueTitle("Schema files"))).Id() is var filed
                && (await api.RunAsync("upload_attachment", new { pageId = filed, fileName = "a.txt", text = "a" })).IsSuccess ? filed : "" }),
            ("upload_attachment", new { pageId = page.Id(), fileName = "schema.txt", text = "x" }),
            ("list_comments", new { pageId = page.Id() }),
            ("create_footer_comment", new { pageId = page.Id(), body = "hi" }),
            ("get_current_user", new { }),
            ("search_users", new { name = "alice" }),
            ("list_groups", new { }),
            ("list_templates", new { }),
            ("get_page_restrictions", new { pageId = page.Id() }),
            ("get_space_permissions", new { spaceKey = "ENG" }),
            ("get_page_views", new { pageId = page.Id() }),
            ("update_page_section", new { pageId = page.Id(), heading = "Schema", body = "Section." }),
            ("copy_page", new { pageId = page.Id(), destinationSpaceKey = "ENG" }),
            ("delete_page", new { pageId = (await api.CreatePageAsync(TestContent.UniqueTitle("Schema doomed"))).Id() }),
        };
        Assert.All(ToolCatalog.Default.Tools, t => Assert.True(t.Definition.OutputSchema.HasValue, $"{t.Definition.Name} declares no output schema"));
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
            foreach (var url in Urls(structured))
            {
                Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme == "https", $"{tool} returned a URL that is not absolute: {url}");
            }
        }
    }

    /// <summary>Every string under a member whose name ends in "Url".</summary>
    private static IEnumerable<string> Urls(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name.EndsWith("Url", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Urls(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Urls),
        _ => [],
    };
}
