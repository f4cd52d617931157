using System.Text;

namespace Platform.Confluence.Tools.Tests;

/// <summary>Confluence's answers are read as bytes: JSON parsed from UTF-8 as it arrives, text decoded in the charset named.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class ConfluenceAnswerTests(SimulatorFixture simulator)
{
    [Fact]
    public async Task A_json_answer_starting_with_a_byte_order_mark_reads_as_without_one()
    {
        var api = await simulator.ApiAsync();
        var plain = (await api.RunAsync("list_spaces", new { })).Succeeded();

        var marked = await new RewritingConfluenceApi(api, answer => answer with { Body = [.. "\uFEFF"u8, .. answer.Body] }).RunAsync("list_spaces", new { });

        Assert.Equal(plain.Text, marked.Succeeded().Text);
    }

    [Theory]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("{\"results\": []} trailing")]
    public async Task An_answer_that_is_not_one_json_value_is_a_tool_error(string body)
    {
        var api = await simulator.ApiAsync();

        var outcome = await new RewritingConfluenceApi(api, answer => answer with { Body = Encoding.UTF8.GetBytes(body) }).RunAsync("list_spaces", new { });

        Assert.Equal(ToolOutcomeKind.ToolError, outcome.Kind);
        Assert.Contains("not JSON", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_answer_with_a_byte_order_mark_still_gives_confluences_message()
    {
        var api = await simulator.ApiAsync();
        var body = "\uFEFF{\"errors\":[{\"title\":\"Conflict\",\"detail\":\"Version 3 is stale\"}]}";

        var outcome = await new RewritingConfluenceApi(api, _ => new ConfluenceResponse(409, Encoding.UTF8.GetBytes(body), null, "application/json")).RunAsync("list_spaces", new { });

        Assert.Contains("Conflict: Version 3 is stale", outcome.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iso-8859-1", new byte[] { 0x63, 0x61, 0x66, 0xE9 })]
    [InlineData("\"utf-8\"", new byte[] { 0x63, 0x61, 0x66, 0xC3, 0xA9 })]
    [InlineData(null, new byte[] { 0xEF, 0xBB, 0xBF, 0x63, 0x61, 0x66, 0xC3, 0xA9 })]
    [InlineData("no-such-charset", new byte[] { 0x63, 0x61, 0x66, 0xC3, 0xA9 })]
    public void Text_is_decoded_in_the_charset_the_answer_names(string? charset, byte[] body)
    {
        var answer = new ConfluenceResponse(200, body, null, "text/plain", charset);

        Assert.Equal("café", answer.ReadText());
    }
}
