using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Platform.Demo;
using Platform.Grains.Identity;
using Platform.Hosting;

// One command for a newcomer: the embedded platform and the Atlassian simulator on loopback, with a tenant, a user,
// a consented Atlassian connection and an API key, printed as a ready client configuration.
//   dotnet run --project tools/Demo -- --port 5080 --simulator-port 5070   (or DEMO_PORT, DEMO_SIMULATOR_PORT)
return await StartupErrors.RunAsync(async () =>
{
    var settings = DemoSettings.Read(args);
    if (settings.Problem is { } problem)
    {
        await Console.Error.WriteLineAsync(problem);
        return 2;
    }

    LocalPorts.EnsureFree(IPAddress.Loopback, settings.Port, "start the demo on another with --port <port>.");
    LocalPorts.EnsureFree(IPAddress.Loopback, settings.SimulatorPort, "start the simulator on another with --simulator-port <port>.");
    await using var playground = await Playground.StartAsync(gatewayPort: settings.Port, simulatorPort: settings.SimulatorPort);
    var tenant = await playground.CreateTenantAsync(TenantId.Parse("demo"), "Demo Organisation");
    await playground.ActivateWithAllToolsAsync(tenant);
    var user = UserId.Parse("demo-user");
    var email = await playground.CreateAtlassianAccountAsync("demo-user@example.test");
    await playground.AddUserAsync(tenant, user, email);
    await playground.ConnectAsync(tenant, user, email);
    var key = await playground.IssueKeyAsync(tenant, user);

    var mcpJson = JsonSerializer.Serialize(
        new { servers = new { confluence = new { type = "http", url = playground.McpUrl(tenant).AbsoluteUri, headers = new { Authorization = $"Bearer {key}" } } } },
        new JsonSerializerOptions { WriteIndented = true });
    Console.WriteLine($"""

        Confluence MCP gateway demo is running (state in memory; Ctrl+C stops it).
          MCP endpoint : {playground.McpUrl(tenant)}
          API key      : {key}
          Simulator    : {playground.SimulatorUrl} (Atlassian Cloud stand-in, site {playground.SiteUrl})

        mcp.json for your client:
        {mcpJson}

        Try it: npx @modelcontextprotocol/inspector, or any MCP client, with the URL and the Authorization header above.

        Or with no key at all: point an MCP client at {playground.McpUrl(tenant)} and let it sign in (OAuth). At the
        Atlassian simulator's page enter {email}, then allow the client on the gateway's consent page.
        """);

    using var stop = new CancellationTokenSource();
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Stopping the demo...");
    }

    return 0;
});
