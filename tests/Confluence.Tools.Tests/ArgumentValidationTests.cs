using System.Text.Json;

namespace Platform.Confluence.Tools.Tests;

/// <summary>For every tool: wrong arguments are refused with a precise message and nothing reaches Confluence.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class ArgumentValidationTests(SimulatorFixture simulator)
{
    public static TheoryData<string> ToolNames => [.. ToolCatalog.Default.Tools.Select(t => t.Definition.Name)];

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task Unknown_argument_is_refused(string tool)
    {
        var api = await simulator.ApiAsync();
        var outcome = await api.RunJsonAsync(tool, "{\"bogusArgument\":1}");
        Assert.Equal(ToolOutcomeKind.InvalidArguments, outcome.Kind);
        Assert.Equal("unknown argument 'bogusArgument'", outcome.Text);
        Assert.Equal(0, api.RequestCount);
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task Missing_required_arguments_are_named(string tool)
    {
        var schema = ToolCatalog.Default.Find(tool)!.Definition.InputSchema;
        if (!schema.TryGetProperty("required", out var required) || required.GetArrayLength() == 0)
        {
            return;
        }
        var api = await simulator.ApiAsync();
        var outcome = await api.RunJsonAsync(tool, "{}");
        Assert.Equal(ToolOutcomeKind.InvalidArguments, outcome.Kind);
        Assert.Contains($"'{required[0].GetString()}'", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("required", outcome.Text, StringComparison.Ordinal);
        Assert.Equal(0, api.RequestCount);
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task Wrong_typed_argument_is_refused(string tool)
    {
        var schema = ToolCatalog.Default.Find(tool)!.Definition.InputSchema;
        if (!schema.TryGetProperty("properties", out var properties) || !properties.EnumerateObject().Any())
        {
            return;
        }
        var property = properties.EnumerateObject().First();
        var wrong = property.Value.TryGetProperty("type", out var type) && type.ToString().Contains("string", StringComparison.Ordinal) ? "{\"x\":1}" : "{\"x\":[true]}";
        var api = await simulator.ApiAsync();
        var outcome = await api.RunJsonAsync(tool, wrong.Replace("\"x\"", $"\"{property.Name}\"", StringComparison.Ordinal));
        Assert.Equal(ToolOutcomeKind.InvalidArguments, outcome.Kind);
        Assert.StartsWith($"'{property.Name}' must", outcome.Text, StringComparison.Ordinal);
        Assert.Equal(0, api.RequestCount);
    }

    [Theory]
    [InlineData("list_pages", "{\"spaceKey\":\"ENG\",\"limit\":0}", "'limit' must be between 1 and 250")]
    [InlineData("list_pages", "{\"spaceKey\":\"ENG\",\"limit\":251}", "'limit' must be between 1 and 250")]
    [InlineData("list_pages", "{\"spaceKey\":\"ENG\",\"limit\":\"5\"}", "'limit' must be an integer")]
    [InlineData("list_pages", "{\"spaceKey\":\"  \"}", "'spaceKey' must not be empty")]
    [InlineData("list_pages", "{\"spaceKey\":null}", "'spaceKey' must not be null")]
    [InlineData("update_page", "{\"pageId\":\"1\"}", "give 'title' or 'body' (or both) to change")]
    [InlineData("get_page", "{\"pageId\":\"42\\n\"}", "'pageId' must be a numeric Confluence id such as \"123456\"")]
    [InlineData("update_page", "{\"pageId\":\"1\",\"body\":\"x\",\"version\":0}", "'version' must be between 1 and 2147483647")]
    [InlineData("move_page", "{\"pageId\":\"1\",\"newParentId\":\"1\"}", "'newParentId' must differ from 'pageId': a page cannot be its own parent")]
    [InlineData("search_content", "{}", "'query' is required (or 'cql')")]
    [InlineData("search_content", "{\"query\":\"a\",\"cql\":\"type=page\"}", "give either 'query' or 'cql', not both")]
    [InlineData("search_content", "{\"cql\":\"type=page\",\"spaceKey\":\"ENG\"}", "'spaceKey' and 'type' only narrow a 'query'; write them into the 'cql' instead")]
    [InlineData("search_content", "{\"query\":\"a\",\"cursor\":\"abc\"}", "'cursor' must be a cursor returned by a previous call of this tool")]
    [InlineData("create_footer_comment", "{\"body\":\"hi\"}", "'pageId' is required (or 'blogPostId')")]
    [InlineData("upload_attachment", "{\"pageId\":\"1\",\"fileName\":\"a.txt\"}", "give exactly one of 'text' or 'base64'")]
    [InlineData("upload_attachment", "{\"pageId\":\"1\",\"fileName\":\"a.bin\",\"base64\":\"***\"}", "'base64' is not valid base64")]
    [InlineData("upload_attachment", "{\"pageId\":\"1\",\"fileName\":\"../a.txt\",\"text\":\"x\"}", "'fileName' must be a plain file name without '/' or '\\'")]
    [InlineData("add_labels", "{\"contentId\":\"1\",\"labels\":[]}", "'labels' must name at least one label")]
    [InlineData("add_labels", "{\"contentId\":\"1\",\"labels\":[\"two words\"]}", "'labels' must not contain spaces (use '-' or '_'): \"two words\"")]
    [InlineData("create_space", "{\"key\":\"A B\",\"name\":\"x\"}", "'key' must contain only letters and digits, e.g. \"TEAMX\"")]
    [InlineData("list_comments", "{\"pageId\":\"1\",\"kind\":\"side\"}", "'kind' must be one of \"footer\", \"inline\"")]
    [InlineData("set_page_property", "{\"pageId\":\"1\",\"key\":\"k\"}", "'value' is required")]
    [InlineData("get_page", "{\"pageId\":\"1\",\"title\":\"T\",\"spaceKey\":\"ENG\"}", "give either 'pageId', or 'title' with 'spaceKey', not both")]
    [InlineData("create_page", "{\"spaceKey\":\"ENG\",\"title\":\"Two\\nlines\"}", "'title' must be one line of text without control characters (line breaks, tabs)")]
    [InlineData("update_page", "{\"pageId\":\"1\",\"title\":\"Tab\\there\"}", "'title' must be one line of text without control characters (line breaks, tabs)")]
    [InlineData("add_labels", "{\"contentId\":\"1\",\"labels\":[\"ok\",\"bell\\u0007\"]}", "'labels' must be one line of text without control characters (line breaks, tabs)")]
    [InlineData("copy_page", "{\"pageId\":\"1\"}", "give 'destinationParentId' or 'destinationSpaceKey'")]
    [InlineData("copy_page", "{\"pageId\":\"1\",\"destinationSpaceKey\":\"ENG\",\"includeChildren\":true}", "'includeChildren' needs 'destinationParentId': a page tree is copied under a page")]
    [InlineData("copy_page", "{\"pageId\":\"1\",\"destinationParentId\":\"2\",\"titlePrefix\":\"x\"}", "'titlePrefix' applies only with 'includeChildren'; use 'title' for a single page")]
    [InlineData("diff_page_versions", "{\"pageId\":\"1\",\"fromVersion\":3,\"toVersion\":2}", "'fromVersion' must be lower than 'toVersion'")]
    [InlineData("check_content_permission", "{\"contentId\":\"1\",\"operation\":\"read\"}", "'accountId' is required (or 'group')")]
    [InlineData("check_content_permission", "{\"contentId\":\"1\",\"operation\":\"write\",\"group\":\"g\"}", "'operation' must be one of \"read\", \"update\", \"delete\"")]
    [InlineData("set_page_restrictions", "{\"pageId\":\"1\"}", "give at least one of 'viewUsers', 'viewGroups', 'editUsers', 'editGroups'")]
    [InlineData("get_page_views", "{\"pageId\":\"1\",\"since\":\"yesterday\"}", "'since' must be a date such as \"2026-01-31\"")]
    [InlineData("list_comments", "{}", "'pageId' is required (or 'blogPostId')")]
    [InlineData("get_page_images", "{\"pageId\":\"1\",\"limit\":9}", "'limit' must be between 1 and 5")]
    [InlineData("list_templates", "{\"cursor\":\"abc\"}", "'cursor' must be a cursor returned by a previous call of this tool")]
    public async Task Rules_beyond_types_are_checked_before_any_call(string tool, string arguments, string message)
    {
        var api = await simulator.ApiAsync();
        var outcome = await api.RunJsonAsync(tool, arguments);
        Assert.Equal(ToolOutcomeKind.InvalidArguments, outcome.Kind);
        Assert.Equal(message, outcome.Text);
        Assert.Equal(0, api.RequestCount);
    }

    [Fact]
    public async Task No_call_reaches_the_simulator_for_invalid_arguments()
    {
        var api = await simulator.ApiAsync();
        var before = (await simulator.CountersAsync()).GetValueOrDefault("api.getPageById");
        await api.RunJsonAsync("get_page", "{\"pageId\":\"abc\"}");
        await api.RunJsonAsync("get_page", JsonSerializer.Serialize(new { pageId = "1", extra = true }));
        Assert.Equal(before, (await simulator.CountersAsync()).GetValueOrDefault("api.getPageById"));
    }
}
