using Platform.Mcp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Mcp.Tests;

/// <summary>
/// The MCP conformance server suite (pinned, Node 22) against a tenant's endpoint. The suite cannot send headers, so it
/// talks to a loopback proxy that adds the user's API key and passes Host and Origin through untouched. Scenarios that
/// need the suite's fixture tools, prompts or resources are listed, with reasons, in node/conformance-baseline.yml.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ConformanceTests(GatewayFixture gateway, ITestOutputHelper output)
{
    [Fact]
    public async Task The_server_suite_passes_except_for_the_fixture_scenarios_in_the_baseline()
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
                "--expected-failures", "conformance-baseline.yml",
                "-o", results.FullName);
            output.WriteLine(run.Output);

            Assert.True(run.ExitCode == 0, run.Output + run.Errors);
            Assert.Contains("Baseline check passed", run.Output, StringComparison.Ordinal);
            Assert.Contains("✓ tools-list", run.Output, StringComparison.Ordinal);
            Assert.Contains("✓ dns-rebinding-protection", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            proxy.Kill(entireProcessTree: true);
            results.Delete(recursive: true);
        }
    }
}
