using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Platform.Demo;
using Platform.Grains.Identity;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>
/// The demo's playground (embedded platform and Atlassian simulator on loopback ports in this process), shared by every
/// MCP test of a collection. Tests talk to the gateway over real HTTP through real MCP clients; they seed through grains
/// only what the admin API would otherwise do.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const string OperatorKey = "mcp-tests-operator-key";

    private Playground? playground;

    public Playground Playground => playground!;

    public Uri GatewayUrl => Playground.GatewayUrl;

    public IGrainFactory Grains => Playground.Grains;

    public async Task InitializeAsync() =>
        playground = await Playground.StartAsync(apiArguments:
        [
            // Revocation is checked on every request here, so tests need not wait out the cache.
            "--Mcp:ApiKeyCacheDuration", "00:00:00",
            "--Mcp:MaxRequestBytes", "1048576",
            "--Telemetry:Prometheus", "true",
            "--Admin:OperatorKey", OperatorKey,
            .. ExtraArguments,
        ]);

    /// <summary>Configuration a collection with its own gateway adds to the common one.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    public virtual async Task DisposeAsync()
    {
        if (playground is not null)
        {
            await playground.DisposeAsync();
        }
    }

    public Uri McpUrl(TenantId tenant) => Playground.McpUrl(tenant);

    /// <summary>Every audit row of <paramref name="tenant"/> (optionally of one tool), oldest first, through the admin API.</summary>
    public async Task<IReadOnlyList<JsonElement>> AuditRowsAsync(TenantId tenant, string? tool = null)
    {
        using var http = OperatorClient();
        return await http.ReadAuditAsync($"admin/v1/tenants/{tenant}/audit{(tool is null ? "" : $"?tool={tool}")}");
    }

    /// <summary>An HTTP client for the admin API, authenticated as the operator.</summary>
    public HttpClient OperatorClient()
    {
        var http = new HttpClient { BaseAddress = GatewayUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorKey);
        return http;
    }

    /// <summary>A new activated tenant with every tool approved for everyone (or an integration with only <paramref name="scopes"/>).</summary>
    public async Task<TenantId> NewTenantAsync(IReadOnlyList<string>? scopes = null)
    {
        var tenant = await Playground.CreateTenantAsync(TenantId.Parse($"t{Guid.NewGuid():N}"[..20]), "MCP test tenant", scopes);
        await Playground.ActivateWithAllToolsAsync(tenant);
        return tenant;
    }

    public static UserId NewUserId() => UserId.Parse($"u{Guid.NewGuid():N}"[..16]);

    /// <summary>A key of <paramref name="user"/>, who is added to the tenant's directory (and its everyone group) first.</summary>
    public async Task<string> IssueKeyAsync(TenantId tenant, UserId user, DateTimeOffset? expiresAt = null)
    {
        await Playground.AddUserAsync(tenant, user);
        return await Playground.IssueKeyAsync(tenant, user, "test key", expiresAt);
    }

    /// <summary>A tenant with one connected user and that user's key: the common starting point.</summary>
    public async Task<TestUser> ConnectedUserAsync()
    {
        var tenant = await NewTenantAsync();
        var user = NewUserId();
        var email = await Playground.CreateAtlassianAccountAsync();
        await Playground.ConnectAsync(tenant, user, email);
        return new TestUser(tenant, user, email, await IssueKeyAsync(tenant, user));
    }

    public async Task<McpClient> ConnectClientAsync(
        TenantId tenant, string key, string? protocolVersion = "2025-11-25", bool urlElicitation = true, string clientName = "mcp-tests", string clientVersion = "1.0.0")
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = McpUrl(tenant),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
        });
        return await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = clientName, Version = clientVersion },
            ProtocolVersion = protocolVersion,
            Capabilities = new ClientCapabilities
            {
                Elicitation = urlElicitation ? new ElicitationCapability { Url = new UrlElicitationCapability(), Form = new FormElicitationCapability() } : null,
            },
        });
    }
}
