namespace Platform.Confluence.Tools.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class GetPageTests(SimulatorFixture simulator)
{
    [Theory]
    [InlineData("{}", "'pageId' is required (or 'title' with 'spaceKey')")]
    [InlineData("{\"pageId\":\"1\",\"foo\":1}", "unknown argument 'foo'")]
    [InlineData("{\"pageId\":42}", "'pageId' must be a string")]
    [InlineData("{\"pageId\":\"42/../1\"}", "'pageId' must be a numeric Confluence id such as \"123456\"")]
    [InlineData("{\"pageId\":\"42\",\"format\":\"html\"}", "'format' must be one of \"markdown\", \"storage\"")]
    [InlineData("{\"pageId\":\"42\",\"offset\":-1}", "'offset' must be between 0 and 2147483647")]
    [InlineData("{\"title\":\"x\"}", "'spaceKey' is required when looking a page up by 'title'")]
    [InlineData("[1]", "arguments must be a JSON object")]
    public async Task Invalid_arguments_are_refused_before_any_call(string arguments, string message)
    {
        var api = await simulator.ApiAsync();
        var outcome = await api.RunJsonAsync("get_page", arguments);
        Assert.Equal(ToolOutcomeKind.InvalidArguments, outcome.Kind);
        Assert.Equal(message, outcome.Text);
        Assert.Equal(0, api.RequestCount);
    }

    [Fact]
    public void Schema_describes_every_argument()
    {
        var schema = ToolCatalog.Default.Find("get_page")!.Definition.InputSchema;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            Assert.True(property.Value.TryGetProperty("description", out _), property.Name);
        }
    }
}
