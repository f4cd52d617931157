using Platform.Mcp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Mcp.Tests;

/// <summary>
/// The conformance suite's authorization-server scenarios against a tenant's issuer: its RFC 8414 metadata, and an
/// authorization code grant with PKCE and a resource indicator, where the suite waits on a loopback callback while this
/// test plays the person (signs in at the simulator, allows the client) and lets the browser land on that callback.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthorizationServerConformanceTests(GatewayFixture gateway, ITestOutputHelper output)
{
    [Fact]
    public async Task The_tenants_issuer_passes_the_suites_authorization_server_scenarios()
    {
        var (tenant, browser) = await gateway.SignedInPersonAsync();
        using var _ = browser;
        var flow = new OAuthFlow(gateway, tenant);
        var port = GatewayFixture.FreePort();
        var callback = new Uri($"http://127.0.0.1:{port}/callback");
        var clientId = await flow.RegisterAsync(callback.AbsoluteUri);
        var results = Directory.CreateTempSubdirectory("as-conformance-");
        try
        {
            var run = await NodeScripts.RunWatchedAsync(
                TimeSpan.FromMinutes(3),
                async line =>
                {
                    if (line.StartsWith(flow.Endpoint("oauth/authorize").AbsoluteUri, StringComparison.Ordinal))
                    {
                        // The browser ends on the suite's callback, which is where it would have gone next.
                        var landed = await browser.AuthorizeAsync(new Uri(line), callback);
                        using var http = new HttpClient();
                        (await http.GetAsync(landed)).Dispose();
                    }

                    return null;
                },
                "node_modules/.bin/conformance", "authorization",
                "--url", flow.Issuer.AbsoluteUri,
                "--client-id", clientId,
                "--resource", flow.Resource,
                "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-o", results.FullName);
            output.WriteLine(run.Output);

            Assert.True(run.ExitCode == 0, run.Output + run.Errors + string.Join("\n", browser.Trail));
            Assert.Contains("✓ authorization-server-metadata-endpoint", run.Output, StringComparison.Ordinal);
            Assert.Contains("✓ authorization-code-grant", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }
}
