using System.Text.Json;

namespace Platform.Confluence.Tools.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class SearchToolTests(SimulatorFixture simulator)
{
    [Fact]
    public async Task Plain_text_with_quotes_and_operators_stays_one_text_query()
    {
        var api = await simulator.ApiAsync();
        var marker = $"zq{Guid.NewGuid():N}";
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Searchable"), $"<p>{marker} OR \"quoted\" text</p>");

        var structured = (await api.RunAsync("search_content", new { query = $"{marker} OR \"quoted\" \\ ) AND type = blogpost" })).Structured();

        Assert.Equal($"text ~ \"{marker} OR \\\"quoted\\\" \\\\ ) AND type = blogpost\"", structured.GetProperty("cql").GetString());
        Assert.DoesNotContain(structured.GetProperty("results").EnumerateArray(), r => r.GetProperty("type").GetString() == "blogpost");

        var simple = (await api.RunAsync("search_content", new { query = marker, spaceKey = "ENG", type = "page" })).Structured();
        Assert.Equal($"text ~ \"{marker}\" AND space = \"ENG\" AND type = page", simple.GetProperty("cql").GetString());
        var hit = Assert.Single(simple.GetProperty("results").EnumerateArray());
        Assert.Equal(page.Id(), hit.GetProperty("id").GetString());
        Assert.Equal("ENG", hit.GetProperty("spaceKey").GetString());
        Assert.StartsWith("https://", hit.GetProperty("webUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cql_is_passed_as_given_and_paged_with_the_cursor()
    {
        var api = await simulator.ApiAsync();
        var first = (await api.RunAsync("search_content", new { cql = "type = page AND space = ENG ORDER BY title", limit = 3 })).Structured();
        Assert.Equal(3, first.GetProperty("results").GetArrayLength());
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.Equal("3", cursor);

        var second = (await api.RunAsync("search_content", new { cql = "type = page AND space = ENG ORDER BY title", limit = 3, cursor })).Structured();
        Assert.NotEqual(first.GetProperty("results")[0].GetProperty("id").GetString(), second.GetProperty("results")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Bad_cql_comes_back_with_confluences_message()
    {
        var api = await simulator.ApiAsync();
        var outcome = await api.RunAsync("search_content", new { cql = "type = = page" });
        Assert.Equal(ToolOutcomeKind.ToolError, outcome.Kind);
        Assert.Equal(400, outcome.UpstreamStatus);
        Assert.Contains("Could not parse cql", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_and_fetch_have_the_shape_chatgpt_connectors_and_deep_research_read()
    {
        var api = await simulator.ApiAsync();
        var marker = $"zq{Guid.NewGuid():N}";
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Connector"), $"<h2>Steps</h2><p>{marker} restart the api</p>");

        var found = await api.RunAsync("search", new { query = marker });
        var hit = Assert.Single(found.Structured().GetProperty("results").EnumerateArray());
        var fetched = await api.RunAsync("fetch", new { id = hit.GetProperty("id").GetString() });
        var document = fetched.Structured();

        // The text those clients read is the same JSON as the structured content.
        Assert.Equal(found.Structured().GetRawText(), JsonDocument.Parse(found.Text).RootElement.GetRawText());
        Assert.Equal($"page:{page.Id()}", hit.GetProperty("id").GetString());
        Assert.StartsWith("https://", hit.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(hit.GetProperty("id").GetString(), document.GetProperty("id").GetString());
        Assert.Contains(marker, document.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("## Steps", document.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("https://", document.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("page", document.GetProperty("metadata").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"id":"page:12a"}""")]
    [InlineData("""{"id":"space:42"}""")]
    [InlineData("""{"id":""}""")]
    public async Task Fetch_refuses_an_id_search_did_not_give_without_calling_confluence(string arguments)
    {
        var api = await simulator.ApiAsync();

        var outcome = await api.RunJsonAsync("fetch", arguments);

        Assert.Equal(ToolOutcomeKind.InvalidArguments, outcome.Kind);
        Assert.Equal(0, api.RequestCount);
    }
}
