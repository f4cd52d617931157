using Platform.Mcp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Mcp.Tests;

/// <summary>
/// The MCP conformance server suite (pinned, Node 22) against a tenant's endpoint. The suite cannot send headers, so it
/// talks to a loopback proxy that adds the user's API key and passes Host and Origin through untouched. Scenarios that
/// need the suite's fixture tools, prompts or resources are listed, with reasons, in node/conformance-baseline-{revision}.yml.
/// Each revision's requirement set runs as the suite froze it at that revision's release.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ConformanceTests(GatewayFixture gateway, ITestOutputHelper output)
{
    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task The_server_suite_passes_except_for_the_fixture_scenarios_in_the_baseline(string revision)
    {
        var alice = await gateway.ConnectedUserAsync();
        var (proxy, ready) = await NodeScripts.StartAsync("auth-proxy.mjs", gateway.GatewayUrl.AbsoluteUri, alice.Key, "0");
        using var _ = proxy;
        var results = Directory.CreateTempSubdirectory("conformance-");
        try
        {
            var port = ready.Split(' ')[1];
            var run = await NodeScripts.RunAsync(TimeSpan.FromMinutes(5),
                "node_modules/.bin/conformance", "server",
                "--url", $"http://127.0.0.1:{port}/t/{alice.Tenant}/mcp",
                "--requirements", revision,
                "--expected-failures", $"conformance-baseline-{revision}.yml",
                "-o", results.FullName);
            output.WriteLine(run.Output);

            Assert.True(run.ExitCode == 0, run.Output + run.Errors);
            Assert.Contains("Baseline check passed", run.Output, StringComparison.Ordinal);
            Assert.Contains("✓ tools-list", run.Output, StringComparison.Ordinal);
            Assert.Contains("✓ dns-rebinding-protection", run.Output, StringComparison.Ordinal);
            Assert.Contains("✓ resources-list", run.Output, StringComparison.Ordinal);
            if (revision == "2026-07-28")
            {
                Assert.Contains("✓ http-header-validation", run.Output, StringComparison.Ordinal);
                Assert.Contains("✓ sep-2164-resource-not-found", run.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            proxy.Kill(entireProcessTree: true);
            results.Delete(recursive: true);
        }
    }
}
