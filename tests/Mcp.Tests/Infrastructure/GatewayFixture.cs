using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtlassianSimulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Platform.Api;
using Platform.Confluence.Tools;
using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Connections;
using Platform.Grains.Identity;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>
/// The embedded platform (Api with its co-hosted silo) and the Atlassian simulator, each on a loopback port in this
/// process, shared by every MCP test. Tests talk to the gateway over real HTTP through real MCP clients; they seed
/// through grains only what the admin API would otherwise do.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string ClientId = "mcp-tests";
    private const string ClientSecret = "mcp-tests-secret-5c2a";

    private WebApplication? simulator;
    private WebApplication? api;
    private HttpClient? simulatorHttp;

    public Uri GatewayUrl { get; private set; } = null!;

    public Uri SimulatorUrl { get; private set; } = null!;

    public IGrainFactory Grains => api!.Services.GetRequiredService<IGrainFactory>();

    public HttpClient Simulator => simulatorHttp!;

    public string CloudId { get; private set; } = "";

    public Uri SiteUrl { get; private set; } = null!;

    /// <summary>Every scope any tool needs, plus what connecting needs.</summary>
    public static IReadOnlyList<string> AllScopes { get; } =
        [.. ToolCatalog.Default.Tools.SelectMany(tool => tool.Definition.Scopes).Append("read:me").Append("offline_access").Distinct().Order(StringComparer.Ordinal)];

    public async Task InitializeAsync()
    {
        simulator = SimulatorHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Seed:Pages=20"]);
        await simulator.StartAsync();
        SimulatorUrl = new Uri(simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        simulatorHttp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = SimulatorUrl };
        var state = await simulatorHttp.GetFromJsonAsync<JsonElement>("/_sim/state");
        var site = state.GetProperty("sites")[0];
        CloudId = site.GetProperty("cloudId").GetString()!;
        SiteUrl = new Uri($"{SimulatorUrl.AbsoluteUri}site/{site.GetProperty("name").GetString()}");

        var port = FreePorts.Next();
        GatewayUrl = new Uri($"http://127.0.0.1:{port}/");
        (await simulatorHttp.PostAsJsonAsync("/_sim/apps", new
        {
            clientId = ClientId,
            clientSecret = ClientSecret,
            callbackUrl = $"{GatewayUrl.AbsoluteUri}integration-callback",
            scopes = AllScopes,
            name = "MCP tests",
        })).EnsureSuccessStatusCode();

        api = PlatformApi.Build(
        [
            "--urls", $"http://127.0.0.1:{port}",
            "--Atlassian:AuthBaseUrl", $"{SimulatorUrl.AbsoluteUri}auth/",
            "--Atlassian:ApiBaseUrl", $"{SimulatorUrl.AbsoluteUri}api/",
            "--PublicEndpoint:BaseUrl", GatewayUrl.AbsoluteUri.TrimEnd('/'),
            "--Hosting:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Hosting:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Revocation is checked on every request here, so tests need not wait out the cache.
            "--Mcp:ApiKeyCacheDuration", "00:00:00",
            "--Mcp:MaxRequestBytes", "1048576",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await api.StartAsync();
    }

    public async Task DisposeAsync()
    {
        simulatorHttp?.Dispose();
        if (api is not null)
        {
            await api.StopAsync();
            await api.DisposeAsync();
        }

        if (simulator is not null)
        {
            await simulator.StopAsync();
            await simulator.DisposeAsync();
        }
    }

    public Uri McpUrl(TenantId tenant) => new(GatewayUrl, $"t/{tenant}/mcp");

    /// <summary>A new tenant whose integration uses the simulator's app with every scope the tools need.</summary>
    public async Task<TenantId> NewTenantAsync(IReadOnlyList<string>? scopes = null)
    {
        var tenant = TenantId.Parse($"t{Guid.NewGuid():N}"[..20]);
        var grain = Grains.GetTenantGrain(tenant);
        await grain.CreateAsync("MCP test tenant");
        await grain.ConfigureIntegrationAsync(new IntegrationSettings(ClientId, scopes ?? AllScopes, CloudId, SiteUrl, CredentialMode.PerUserOAuth, null));
        await grain.SetClientSecretAsync(ClientSecret);
        return tenant;
    }

    /// <summary>A fresh Atlassian account on the seeded site; returns its email.</summary>
    public async Task<string> NewAtlassianAccountAsync()
    {
        var email = $"u{Guid.NewGuid():N}@example.test";
        using var response = await Simulator.PostAsJsonAsync("/_sim/users", new { email, displayName = "MCP Test User", apiToken = $"t-{Guid.NewGuid():N}", groupIds = Array.Empty<string>() });
        response.EnsureSuccessStatusCode();
        return email;
    }

    /// <summary>Follows a connect link as its owner would in a browser: consent at the simulator, then the gateway's callback page.</summary>
    public async Task FollowConnectLinkAsync(Uri connectLink, string email)
    {
        using var consent = await Simulator.GetAsync(new Uri(QueryHelpers.AddQueryString(connectLink.AbsoluteUri, "login_hint", email)));
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        using var browser = new HttpClient();
        using var page = await browser.GetAsync(consent.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    public async Task ConnectAsync(TenantId tenant, UserId user, string email) =>
        await FollowConnectLinkAsync((await Grains.GetUserConnectionGrain(tenant, user).CreateConnectLinkAsync()).Url, email);

    public async Task<string> IssueKeyAsync(TenantId tenant, UserId user, DateTimeOffset? expiresAt = null) =>
        (await Grains.GetApiKeyGrain(tenant, ApiKeyToken.NewKeyId()).IssueAsync(user, "test key", expiresAt)).Token;

    /// <summary>A tenant with one connected user and that user's key: the common starting point.</summary>
    public async Task<TestUser> ConnectedUserAsync()
    {
        var tenant = await NewTenantAsync();
        var user = UserId.Parse($"u{Guid.NewGuid():N}"[..16]);
        var email = await NewAtlassianAccountAsync();
        await ConnectAsync(tenant, user, email);
        return new TestUser(tenant, user, email, await IssueKeyAsync(tenant, user));
    }

    public async Task<McpClient> ConnectClientAsync(TenantId tenant, string key, string? protocolVersion = "2025-11-25", bool urlElicitation = true, string clientName = "mcp-tests")
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = McpUrl(tenant),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
        });
        return await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = clientName, Version = "1.0.0" },
            ProtocolVersion = protocolVersion,
            Capabilities = new ClientCapabilities
            {
                Elicitation = urlElicitation ? new ElicitationCapability { Url = new UrlElicitationCapability(), Form = new FormElicitationCapability() } : null,
            },
        });
    }
}
