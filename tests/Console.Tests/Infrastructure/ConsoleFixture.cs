using System.Text.RegularExpressions;
using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Platform.Demo;
using Platform.Grains.Identity;

namespace Platform.Console.Tests.Infrastructure;

/// <summary>
/// The demo's playground (embedded platform and Atlassian simulator on loopback) and one headless Debian Chromium
/// driven by Playwright, shared by every console test. Each test opens its own browser contexts (separate cookie jars,
/// one per person), so people never share a session.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string OperatorKey = "console-tests-operator-key";

    /// <summary>A second OAuth app registered at the simulator, as a tenant admin registers theirs at Atlassian.</summary>
    public const string AppClientId = "console-tests-app";
    public const string AppClientSecret = "console-tests-app-secret";

    /// <summary>Debian's package; Playwright's own browser download cannot work offline and is never used.</summary>
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private Playground? playground;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Playground Playground => playground!;

    public Uri GatewayUrl => Playground.GatewayUrl;

    /// <summary>Where <c>scripts/console-screenshots.sh</c> wants screenshots of the main pages; null in ordinary runs.</summary>
    public static string? ScreenshotDirectory => Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: `apt-get install -y chromium` (.ci/run does).");
        }

        playground = await Playground.StartAsync(apiArguments: ["--Admin:OperatorKey", OperatorKey, "--Mcp:ApiKeyCacheDuration", "00:00:00"]);
        using (var registered = await Playground.Simulator.PostAsJsonAsync("/_sim/apps", new
        {
            clientId = AppClientId,
            clientSecret = AppClientSecret,
            callbackUrl = new Uri(GatewayUrl, "integration-callback").AbsoluteUri,
            scopes = Playground.AllScopes,
            name = "Console tests' Confluence app",
        }))
        {
            registered.EnsureSuccessStatusCode();
        }

        // The machine is shared and slow at times: patience, not sleeps.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumFlags });
    }

    /// <summary>A fresh browser context (its own cookies) with one page: one person at one computer.</summary>
    public async Task<IPage> NewPersonAsync()
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = GatewayUrl.AbsoluteUri, Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 1000 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens a console page and fails unless it answered 2xx.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}.");
    }

    /// <summary>Signs <paramref name="page"/>'s person in with a key on the console's sign-in form.</summary>
    public static async Task SignInWithKeyAsync(IPage page, string key, TenantId? tenant = null)
    {
        await OpenAsync(page, "/console/signin");
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync(key);
        if (tenant is { } id)
        {
            await page.Locator("#key-tenant").FillAsync(id.Value);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // Enhanced navigation may change the URL without a load event: poll the URL, never wait for "load".
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/console/signin"));
    }

    /// <summary>Fails on any serious or critical axe violation of the page as it stands; saves a screenshot when asked.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string? screenshotName = null)
    {
        var result = await page.RunAxe();
        var severe = result.Violations.Where(violation => violation.Impact is "serious" or "critical").ToList();
        Assert.True(severe.Count == 0, $"{page.Url}: {string.Join("; ", severe.Select(Describe))}");
        if (screenshotName is not null && ScreenshotDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{screenshotName}.png"), FullPage = false });
        }
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Impact} {violation.Id} ({violation.Help}) at {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}";

    /// <summary>A real MCP client over HTTP with an API key.</summary>
    public async Task<McpClient> ConnectMcpClientAsync(TenantId tenant, string key)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = Playground.McpUrl(tenant),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
        });
        return await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new Implementation { Name = "console-tests", Version = "1.0.0" } });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (playground is not null)
        {
            await playground.DisposeAsync();
        }
    }
}
