using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Authentication;
using Platform.Api.OAuth;
using Platform.Grains;
using Platform.Grains.SignIn;
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
    private ClientMetadataHost? clientMetadata;
    private HostileSiteHost? hostileSite;
    private OidcProviderHost? identityProvider;

    public OidcProviderHost IdentityProvider => identityProvider!;

    /// <summary>An allow-listed loopback port where nothing listens: a metadata document URL that cannot be reached.</summary>
    public int UnreachablePort { get; } = FreePort();

    public ClientMetadataHost ClientMetadata => clientMetadata!;

    /// <summary>A site that attacks the gateway; the operator's allow-list names it (index 1), as an operator might by mistake.</summary>
    public HostileSiteHost HostileSite => hostileSite!;

    public Playground Playground => playground!;

    public Uri GatewayUrl => Playground.GatewayUrl;

    public IGrainFactory Grains => Playground.Grains;

    public async Task InitializeAsync()
    {
        clientMetadata = await ClientMetadataHost.StartAsync();
        hostileSite = await HostileSiteHost.StartAsync();
        // Every tenant's OIDC callback is registered at the test provider, as each tenant's admin would do at theirs.
        identityProvider = await OidcProviderHost.StartAsync(() => [.. oidcTenants.Select(tenant => new Uri(GatewayUrl, $"t/{tenant}/signin/oidc/callback").AbsoluteUri)]);
        playground = await Playground.StartAsync(apiArguments:
        [
            "--OAuth:ClientMetadata:AllowedPrivateHosts:0", $"127.0.0.1:{clientMetadata.Port}",
            "--OAuth:ClientMetadata:AllowedPrivateHosts:1", $"127.0.0.1:{UnreachablePort}",
            "--Confluence:AllowedSiteHosts:1", $"127.0.0.1:{hostileSite.SitePort}",
            "--SignIn:Oidc:AllowedPrivateHosts:0", identityProvider.Issuer.Authority,
            // Revocation is checked on every request here, so tests need not wait out the cache.
            "--Mcp:ApiKeyCacheDuration", "00:00:00",
            "--OAuth:GrantCheckInterval", "00:00:00",
            "--OAuth:RefreshTokenReuseLeeway", "00:00:00",
            "--Mcp:MaxRequestBytes", "1048576",
            "--Telemetry:Prometheus", "true",
            // Tests refuse credentials by the dozen from one address; AuthenticationLimitFixture tests the limit itself.
            "--AuthenticationFailures:Limit", "1000000",
            "--Admin:OperatorKey", OperatorKey,
            .. ExtraArguments,
        ], overrideApiServices: TrustClientMetadataHost);
    }

    /// <summary>The gateway's metadata-document fetcher, unchanged but for trusting the test host's certificate.</summary>
    private void TrustClientMetadataHost(IServiceCollection services) =>
        services.AddHttpClient(ClientMetadataDocuments.HttpClientName).ConfigurePrimaryHttpMessageHandler(provider =>
        {
            var handler = provider.GetRequiredService<IOptions<OAuthOptions>>().Value.ClientMetadata.CreateFetchHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == ClientMetadata.Certificate.GetCertHashString();
            return handler;
        });

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Configuration a collection with its own gateway adds to the common one.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    public virtual async Task DisposeAsync()
    {
        if (playground is not null)
        {
            await playground.DisposeAsync();
        }

        if (identityProvider is not null)
        {
            await identityProvider.DisposeAsync();
        }

        if (clientMetadata is not null)
        {
            await clientMetadata.DisposeAsync();
        }

        if (hostileSite is not null)
        {
            await hostileSite.DisposeAsync();
        }
    }

    public Uri McpUrl(TenantId tenant) => Playground.McpUrl(tenant);

    /// <summary>Every tool-call row of <paramref name="tenant"/> (optionally of one tool), oldest first, through the admin API.</summary>
    public async Task<IReadOnlyList<JsonElement>> AuditRowsAsync(TenantId tenant, string? tool = null)
    {
        using var http = OperatorClient();
        return await http.ReadAuditAsync($"admin/v1/tenants/{tenant}/audit?kind=ToolCall{(tool is null ? "" : $"&tool={tool}")}");
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

    /// <summary>
    /// An MCP client with no key: the C# SDK's OAuth provider discovers the tenant's authorization server, registers
    /// (dynamically, or by <paramref name="clientMetadataDocument"/>), and signs in through <paramref name="browser"/>.
    /// </summary>
    public async Task<McpClient> ConnectOAuthClientAsync(
        TenantId tenant, SignInBrowser browser, Uri? clientMetadataDocument = null, IEnumerable<string>? scopes = null, Uri? redirectUri = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = McpUrl(tenant),
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = redirectUri ?? OAuthRedirectUri,
                ClientMetadataDocumentUri = clientMetadataDocument,
                DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "mcp-tests (C# SDK)" },
                Scopes = scopes,
                AuthorizationCallbackHandler = async (context, _) =>
                {
                    var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery((await browser.AuthorizeAsync(context.AuthorizationUri, context.RedirectUri)).Query);
                    return new AuthorizationResult { Code = query["code"], State = query["state"], Iss = query["iss"] };
                },
            },
        });
        return await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new Implementation { Name = "mcp-tests-oauth", Version = "1.0.0" } });
    }

    private readonly System.Collections.Concurrent.ConcurrentBag<TenantId> oidcTenants = [];

    /// <summary>A new tenant that signs its people in with the test OIDC provider, matching by email; optionally provisioning them.</summary>
    public async Task<TenantId> NewOidcTenantAsync(bool provision)
    {
        var tenant = await NewTenantAsync();
        oidcTenants.Add(tenant);
        var signIn = Grains.GetTenantSignInGrain(tenant);
        await signIn.SetSettingsAsync(new SignInSettings(
            SignInMethod.OpenIdConnect, UserMatching.Email, provision, provision ? Playground.EveryoneGroup : null,
            new OidcProviderSettings(IdentityProvider.Issuer, OidcProviderHost.ClientId, ["openid", "email", "profile"])));
        await signIn.SetOidcClientSecretAsync(OidcProviderHost.ClientSecret);
        return tenant;
    }

    /// <summary>An activated tenant, a directory user whose Atlassian account has the same email, and a browser that signs them in.</summary>
    public async Task<(TenantId Tenant, SignInBrowser Browser)> SignedInPersonAsync()
    {
        var tenant = await NewTenantAsync();
        var email = await Playground.CreateAtlassianAccountAsync();
        await Playground.AddUserAsync(tenant, NewUserId(), email);
        var browser = new SignInBrowser();
        browser.Answers["email"] = email;
        return (tenant, browser);
    }

    /// <summary>Where test clients say the authorization server sends the browser back; nothing listens, the browser stops there.</summary>
    public static Uri OAuthRedirectUri { get; } = new("http://127.0.0.1:1/oauth/callback");

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
