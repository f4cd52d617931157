using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using AtlassianSimulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api;
using Platform.Confluence.Tools;
using Platform.Grains;
using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Demo;

/// <summary>
/// The embedded platform and the Atlassian simulator in one process, each on a loopback port, with helpers that seed
/// what an operator and a user would otherwise do by hand. The demo runs it; the MCP tests share it.
/// </summary>
public sealed class Playground : IAsyncDisposable
{
    public const string ClientId = "gateway-demo";

    /// <summary>The group every user the playground adds joins; the demo grants it every approved tool.</summary>
    public const string EveryoneGroup = "everyone";
    private const string ClientSecret = "demo-client-secret-not-for-production";

    private readonly WebApplication simulator;
    private readonly WebApplication api;

    private Playground(WebApplication simulator, WebApplication api, HttpClient simulatorHttp, Uri simulatorUrl, Uri gatewayUrl, string cloudId, Uri siteUrl)
    {
        this.simulator = simulator;
        this.api = api;
        Simulator = simulatorHttp;
        SimulatorUrl = simulatorUrl;
        GatewayUrl = gatewayUrl;
        CloudId = cloudId;
        SiteUrl = siteUrl;
    }

    public Uri GatewayUrl { get; }

    public Uri SimulatorUrl { get; }

    /// <summary>The simulator's control plane, not following redirects (consent is followed by hand).</summary>
    public HttpClient Simulator { get; }

    public IGrainFactory Grains => api.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider ApiServices => api.Services;

    public string CloudId { get; }

    public Uri SiteUrl { get; }

    /// <summary>Every scope any tool needs, plus what connecting needs.</summary>
    public static IReadOnlyList<string> AllScopes { get; } =
        [.. ToolCatalog.Default.Tools.SelectMany(tool => tool.Definition.Scopes).Append("read:me").Append("offline_access").Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// Starts both hosts; a port of 0 picks a free one. <paramref name="apiArguments"/> add to or override the Api's
    /// configuration (index 0 of <c>Confluence:AllowedSiteHosts</c> is the simulator's).
    /// </summary>
    public static async Task<Playground> StartAsync(
        int gatewayPort = 0, int simulatorPort = 0, IEnumerable<string>? apiArguments = null, Action<IServiceCollection>? overrideApiServices = null)
    {
        var simulator = SimulatorHost.Build(["--urls", $"http://127.0.0.1:{simulatorPort}", "--Logging:LogLevel:Default=Warning", "--Seed:Pages=40"]);
        await simulator.StartAsync();
        var simulatorUrl = new Uri(simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        var simulatorHttp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = simulatorUrl };
        var state = await simulatorHttp.GetFromJsonAsync<JsonElement>("/_sim/state");
        var site = state.GetProperty("sites")[0];
        var siteUrl = new Uri($"{simulatorUrl.AbsoluteUri}site/{site.GetProperty("name").GetString()}");

        var port = gatewayPort == 0 ? FreePort() : gatewayPort;
        var gatewayUrl = new Uri($"http://127.0.0.1:{port}/");
        using (var registered = await simulatorHttp.PostAsJsonAsync("/_sim/apps", new
        {
            clientId = ClientId,
            clientSecret = ClientSecret,
            callbackUrl = $"{gatewayUrl.AbsoluteUri}integration-callback",
            scopes = AllScopes,
            name = "Confluence MCP gateway (demo)",
        }))
        {
            registered.EnsureSuccessStatusCode();
        }

        var api = PlatformApi.Build(
        [
            "--urls", $"http://127.0.0.1:{port}",
            "--Atlassian:AuthBaseUrl", $"{simulatorUrl.AbsoluteUri}auth/",
            "--Atlassian:ApiBaseUrl", $"{simulatorUrl.AbsoluteUri}api/",
            "--PublicEndpoint:BaseUrl", gatewayUrl.AbsoluteUri.TrimEnd('/'),
            // The simulator's sites live on loopback, which a real deployment never allows: the operator's allow-list says so.
            "--Confluence:AllowedSiteHosts:0", simulatorUrl.Authority,
            "--Hosting:SiloPort", FreePort().ToString(CultureInfo.InvariantCulture),
            "--Hosting:GatewayPort", FreePort().ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default", "Warning",
            // Orleans' start-up advice (server GC, watchdog) is noise for a one-process demo.
            "--Logging:LogLevel:Orleans", "Error",
            .. apiArguments ?? [],
        ], overrideApiServices);
        await api.StartAsync();
        return new Playground(simulator, api, simulatorHttp, simulatorUrl, gatewayUrl, site.GetProperty("cloudId").GetString()!, siteUrl);
    }

    public Uri McpUrl(TenantId tenant) => new(GatewayUrl, $"t/{tenant}/mcp");

    /// <summary>A tenant whose integration uses the simulator's app with every scope the tools need (or <paramref name="scopes"/>).</summary>
    public async Task<TenantId> CreateTenantAsync(TenantId tenant, string displayName, IReadOnlyList<string>? scopes = null)
    {
        var grain = Grains.GetTenantGrain(tenant);
        await grain.CreateAsync(displayName);
        await grain.ConfigureIntegrationAsync(new IntegrationSettings(ClientId, scopes ?? AllScopes, CloudId, SiteUrl, CredentialMode.PerUserOAuth, null));
        await grain.SetClientSecretAsync(ClientSecret);
        return tenant;
    }

    /// <summary>An Atlassian account on the seeded site (a fresh email when none is given); returns its email.</summary>
    public async Task<string> CreateAtlassianAccountAsync(string? email = null, string displayName = "Demo User")
    {
        email ??= $"u{Guid.NewGuid():N}@example.test";
        using var response = await Simulator.PostAsJsonAsync("/_sim/users", new { email, displayName, apiToken = $"t-{Guid.NewGuid():N}", groupIds = Array.Empty<string>() });
        response.EnsureSuccessStatusCode();
        return email;
    }

    /// <summary>Follows a connect link as its owner would in a browser: consent at the simulator, then the gateway's callback page.</summary>
    public async Task FollowConnectLinkAsync(Uri connectLink, string email)
    {
        using var consent = await Simulator.GetAsync(new Uri(QueryHelpers.AddQueryString(connectLink.AbsoluteUri, "login_hint", email)));
        if (consent.StatusCode != HttpStatusCode.Redirect || consent.Headers.Location is null)
        {
            throw new InvalidOperationException($"Consent did not redirect back to the gateway: {(int)consent.StatusCode}.");
        }

        using var browser = new HttpClient();
        using var page = await browser.GetAsync(consent.Headers.Location);
        page.EnsureSuccessStatusCode();
    }

    public async Task ConnectAsync(TenantId tenant, UserId user, string email) =>
        await FollowConnectLinkAsync((await Grains.GetUserConnectionGrain(tenant, user).CreateConnectLinkAsync()).Url, email);

    public async Task<string> IssueKeyAsync(TenantId tenant, UserId user, string name = "demo key", DateTimeOffset? expiresAt = null) =>
        (await Grains.GetTenantGovernanceGrain(tenant).IssueApiKeyAsync(user, name, expiresAt)).Token;

    /// <summary>
    /// What an operator and a tenant admin would do for a trusting demo: activate AI access, approve every tool, and
    /// grant the self-maintaining "all approved" toolset to the group <see cref="EveryoneGroup"/>.
    /// </summary>
    public async Task ActivateWithAllToolsAsync(TenantId tenant)
    {
        await Grains.GetTenantGrain(tenant).ActivateAsync();
        var governance = Grains.GetTenantGovernanceGrain(tenant);
        foreach (var tool in await governance.GetCatalogAsync())
        {
            await governance.DecideToolAsync(tool.Name, ToolApproval.Approved);
        }

        await governance.CreateGroupAsync(new DirectoryGroup(EveryoneGroup, []));
        await governance.CreateAccessProfileAsync(new AccessProfile(EveryoneGroup, [Toolset.AllApproved], [], [EveryoneGroup]));
    }

    /// <summary>Adds a person to the tenant's directory, enabled, in the group <see cref="EveryoneGroup"/>.</summary>
    public async Task AddUserAsync(TenantId tenant, UserId user, string? email = null, DirectoryRole role = DirectoryRole.Member)
    {
        var governance = Grains.GetTenantGovernanceGrain(tenant);
        if (await governance.GetUserAsync(user) is null)
        {
            await governance.CreateUserAsync(new DirectoryUser(user, null, email, true, role));
        }

        var everyone = (await governance.GetGroupsAsync()).Single(group => group.Name == EveryoneGroup);
        if (!everyone.Members.Contains(user.Value))
        {
            await governance.ReplaceGroupAsync(everyone with { Members = [.. everyone.Members, user.Value] });
        }
    }

    public async ValueTask DisposeAsync()
    {
        Simulator.Dispose();
        await api.StopAsync();
        await api.DisposeAsync();
        await simulator.StopAsync();
        await simulator.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
