using Platform.Grains.Connections;

namespace Platform.Grains.Tests;

public sealed class PublicEndpointOptionsTests
{
    [Theory]
    [InlineData("https://mcp.example.com", "https://mcp.example.com/integration-callback")]
    [InlineData("https://mcp.example.com/", "https://mcp.example.com/integration-callback")]
    [InlineData("https://example.com/gateway", "https://example.com/gateway/integration-callback")]
    [InlineData("https://example.com/gateway/", "https://example.com/gateway/integration-callback")]
    public void The_callback_url_hangs_off_the_base_url_including_its_path(string baseUrl, string expected) =>
        Assert.Equal(expected, new PublicEndpointOptions { BaseUrl = new Uri(baseUrl) }.CallbackUrl.ToString());
}
