using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Platform.Atlassian;
using Platform.Confluence.Tools;
using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Confluence;
using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.OAuth;
using Platform.Grains.Security;
using Platform.Grains.SignIn;
using Platform.Grains.Telemetry;
using Platform.Grains.Tenants;
using Platform.Grains.Tools;
using Platform.Outbound;

namespace Platform.Hosting;

public static class PlatformSiloExtensions
{
    private const string NpgsqlInvariant = "Npgsql";

    /// <summary>How long an Api process waits for a grain call other than a tool call (which sets its own timeout).</summary>
    private static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A site or provider that does not accept a connection in this long is not going to answer in time either.</summary>
    private static readonly TimeSpan OutboundConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Id of the key embedded mode generates when none is configured.</summary>
    public const string DevelopmentKeyId = "embedded-development";

    /// <summary>Hosts a silo in this process, embedded or as a cluster member, as <paramref name="options"/> say.</summary>
    public static IHostApplicationBuilder AddPlatformSilo(this IHostApplicationBuilder builder, HostingOptions options)
    {
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster => ApplyClusterIdentity(cluster, options));
            silo.AddPlatformGrainServices();
            silo.AddActivityPropagation();
            silo.Configure<GrainCollectionOptions>(collection => ApplyGrainCollection(collection, options));
            // A silo appends to the audit log (tool calls); reading it is the Api's business.
            silo.Services.AddPlatformAudit(options, builder.Environment, readsAuditLog: false);
            if (options.Mode == HostingMode.Embedded)
            {
                EnsurePortsFree(IPAddress.Loopback, options);
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
                // Stored as the cluster stores it: the same JSON, without the default serializer's type names (a tenant's
                // governance 34 -> 20 KB), compressed because this store is the process's memory.
                silo.AddMemoryGrainStorage(StorageNames.Platform,
                    o => o.GrainStorageSerializer = new CompressedGrainStateSerializer(GrainStateSerializer.Create()));
                silo.UseInMemoryReminderService();
                silo.Services.PostConfigure<KeyRingOptions>(UseDevelopmentKeyIfNoneConfigured);
                return;
            }

            ConfigureEndpoints(silo, options);
            ClusterTlsExtensions.ApplyClusterTls(options, silo.Services, certificates => silo.UseClusterTls(certificates));
            silo.Services.Configure<ClusterMembershipOptions>(membership => ApplyTimings(membership, options.Membership));
            // One pool, the Orleans role's, for membership, grain state and reminders; the audit log has its own.
            var database = NpgsqlDataSource.Create(options.PostgresConnectionString!);
            silo.UseAdoNetClustering(o => (o.Invariant, o.DataSource) = (NpgsqlInvariant, database));
            silo.AddAdoNetGrainStorage(StorageNames.Platform, o =>
            {
                (o.Invariant, o.DataSource) = (NpgsqlInvariant, database);
                o.GrainStorageSerializer = GrainStateSerializer.Create();
            });
            silo.UseAdoNetReminderService(o => (o.Invariant, o.DataSource) = (NpgsqlInvariant, database));
            silo.Services.AddSingleton<IExistingTenants>(new StoredTenants(database, options.ServiceId));
        });
        return builder;
    }

    /// <summary>Joins an existing cluster as an Orleans client through the PostgreSQL membership table.</summary>
    public static IHostApplicationBuilder AddPlatformClusterClient(this IHostApplicationBuilder builder, HostingOptions options)
    {
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster => ApplyClusterIdentity(cluster, options));
            client.AddActivityPropagation();
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (NpgsqlInvariant, options.PostgresConnectionString));
            client.Configure<ClientMessagingOptions>(messaging =>
            {
                WaitForCalleesOnCancellation(messaging);
                // A request lost with a silo that died gets no answer at all; the Api's calls are quick reads and
                // writes (a tool call has its own, longer timeout), so waiting Orleans' default 30 s only delays the error.
                messaging.ResponseTimeout = ClientResponseTimeout;
            });
            // A silo leaving tells this client to stop using its gateway; the others must already be known then.
            client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = options.Membership.GatewayListRefreshPeriod);
            client.AddOutgoingGrainCallFilter<RejectedCallRetry>();
            ClusterTlsExtensions.ApplyClusterTls(options, client.Services, certificates => client.UseClusterTls(certificates));
        });
        // The Api reads the audit log (admin queries, export, verify) and writes admin actions to it directly.
        builder.Services.AddPlatformAudit(options, builder.Environment, readsAuditLog: true);
        return builder;
    }

    /// <summary>Services the grains depend on; tests call this too so they run the grains as production does.</summary>
    public static ISiloBuilder AddPlatformGrainServices(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<KeyRingOptions>()
            .BindConfiguration(KeyRingOptions.Section)
            .Validate(ring => ring.ActiveKeyId is { } id && ring.Keys.ContainsKey(id),
                "Security:KeyRing needs Keys (id -> base64 of 32 bytes) and an ActiveKeyId naming one of them.")
            .ValidateOnStart();
        services.AddSingleton<SecretSealer>();
        services.TryAddSingleton(ToolCatalog.Default);
        // Governance discovers the tools the catalog offers (tests put a source of their own first).
        services.TryAddSingleton<IToolDescriptorSource, CatalogToolDescriptors>();
        services.AddSingleton<PlatformMetrics>();
        services.AddOptions<PublicEndpointOptions>().BindConfiguration(PublicEndpointOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConfluenceOptions>().BindConfiguration(ConfluenceOptions.Section).ValidateDataAnnotations()
            .Validate(confluence => HostAllowList.FirstInvalid(confluence.AllowedSiteHosts) is null,
                "Confluence:AllowedSiteHosts holds host patterns: host, host:port or *.domain[:port].")
            .ValidateOnStart();
        services.AddSingleton<ConfluenceDestinations>();
        services.AddOptions<GovernanceOptions>().BindConfiguration(GovernanceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAtlassianClients();
        services.AddSingleton<OidcRelyingParty>();
        services.TryAddSingleton<IExistingTenants, NoExistingTenants>();
        services.AddOptions<OidcProviderOptions>().BindConfiguration(OidcProviderOptions.Section)
            .Validate(oidc => HostAllowList.FirstInvalid(oidc.AllowedPrivateHosts) is null,
                "SignIn:Oidc:AllowedPrivateHosts holds host patterns: host, host:port or *.domain[:port].")
            .ValidateOnStart();
        // A tenant admin names the provider: its address is checked like a Confluence site's.
        services.AddHttpClient(OidcRelyingParty.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(15);
            http.MaxResponseContentBufferSize = 1024 * 1024;
        }).ConfigurePrimaryHttpMessageHandler(provider => PrivateAddressGuard.CreateHandler(
            HostAllowList.Parse(provider.GetRequiredService<IOptions<OidcProviderOptions>>().Value.AllowedPrivateHosts), OutboundConnectTimeout));
        services.AddHttpClient<ConfluenceClient>((provider, http) =>
        {
            http.Timeout = provider.GetRequiredService<IOptions<ConfluenceOptions>>().Value.Timeout;
            // A silo buffers each answer; a runaway upstream body fails the one call instead of the process.
            http.MaxResponseContentBufferSize = 16 * 1024 * 1024;
        }).ConfigurePrimaryHttpMessageHandler(provider => PrivateAddressGuard.CreateHandler(
            provider.GetRequiredService<ConfluenceDestinations>().AddressCheckExemptions, OutboundConnectTimeout));
        // One instance, not one per grain activation (every user's grain holds it); its handler recycles connections.
        services.AddSingleton(provider => provider.GetRequiredService<ITypedHttpClientFactory<ConfluenceClient>>()
            .CreateClient(provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ConfluenceClient))));
        services.Configure<SiloMessagingOptions>(messaging =>
        {
            WaitForCalleesOnCancellation(messaging);
            // A stopping silo first tells clients to stop sending through its gateway, then gives them this long to do
            // so before it deactivates its grains (Orleans waits not at all by default, and warns about a stage that
            // takes over a second to stop).
            messaging.ClientGatewayShutdownNotificationTimeout = TimeSpan.FromMilliseconds(800);
        });
        // Calls refused by a silo on its way out are sent again; refusals of calls a grain made stay inside it.
        silo.AddOutgoingGrainCallFilter<RejectedCallRetry>();
        silo.AddIncomingGrainCallFilter<RejectionBoundary>();
        return silo;
    }

    /// <summary>
    /// A cancelled grain call completes with the callee's own answer instead of at once: a tool call cancelled by its
    /// client still reports how it ended (and was audited), so the caller never has to guess.
    /// </summary>
    /// <summary>
    /// Each of a user's grains (connection, API keys, OAuth grants) leaves memory after <see cref="HostingOptions.UserGrainIdleLifetime"/>;
    /// a tenant's grains keep Orleans' default of two hours. (An API key's grain leaves as soon as it has handed its
    /// credential to the tenant's verifier; this bounds the stay of one activated to issue, list or revoke keys.)
    /// </summary>
    public static void ApplyGrainCollection(GrainCollectionOptions collection, HostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(options);
        collection.CollectionQuantum = options.GrainCollectionQuantum;
        foreach (var perUser in new[] { typeof(UserConnectionGrain), typeof(ApiKeyGrain), typeof(OAuthGrantsGrain) })
        {
            collection.ClassSpecificCollectionAge[perUser.FullName!] = options.UserGrainIdleLifetime;
        }
    }

    private static void WaitForCalleesOnCancellation(MessagingOptions messaging) => messaging.WaitForCancellationAcknowledgement = true;

    /// <summary>Binds and validates <see cref="HostingOptions"/>, and returns them for use while building the host.</summary>
    public static HostingOptions AddHostingOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HostingOptions>()
            .BindConfiguration(HostingOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HostingOptions>, HostingOptionsValidator>();

        var options = builder.Configuration.GetSection(HostingOptions.Section).Get<HostingOptions>() ?? new HostingOptions();
        var failure = new HostingOptionsValidator().Validate(null, options);
        return failure.Failed ? throw new OptionsValidationException(HostingOptions.Section, typeof(HostingOptions), failure.Failures) : options;
    }

    /// <summary>
    /// Embedded mode keeps state in memory, so a key generated per process loses nothing; cluster mode has no such
    /// fallback and refuses to start without a configured key ring.
    /// </summary>
    private static void UseDevelopmentKeyIfNoneConfigured(KeyRingOptions ring)
    {
        if (ring.Keys.Count == 0)
        {
            ring.Keys[DevelopmentKeyId] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            ring.ActiveKeyId = DevelopmentKeyId;
        }
    }

    private static void ApplyClusterIdentity(ClusterOptions cluster, HostingOptions options) =>
        (cluster.ClusterId, cluster.ServiceId) = (options.ClusterId, options.ServiceId);

    /// <summary>
    /// A silo advertised on loopback (the local scripts, tests) listens on loopback only; otherwise it listens on every
    /// interface. Under Kubernetes hosting the pod IP is advertised unless an address is configured.
    /// </summary>
    private static void ConfigureEndpoints(ISiloBuilder silo, HostingOptions options)
    {
        IPAddress? advertised = string.IsNullOrEmpty(options.AdvertisedAddress) ? null : IPAddress.Parse(options.AdvertisedAddress);
        var listenOnLoopbackOnly = advertised is not null && IPAddress.IsLoopback(advertised) && !options.Kubernetes;
        EnsurePortsFree(listenOnLoopbackOnly ? advertised! : IPAddress.Any, options);
        if (options.Kubernetes)
        {
            silo.Configure<EndpointOptions>(endpoints =>
            {
                (endpoints.SiloPort, endpoints.GatewayPort) = (options.SiloPort, options.GatewayPort);
                endpoints.AdvertisedIPAddress = advertised ?? endpoints.AdvertisedIPAddress;
            });
            silo.UseKubernetesHosting();
        }
        else if (advertised is null)
        {
            silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !listenOnLoopbackOnly);
        }
    }

    private static void EnsurePortsFree(IPAddress address, HostingOptions options)
    {
        const string holders = "another silo or an Api in embedded mode may hold it";
        LocalPorts.EnsureFree(address, options.SiloPort, $"{holders}. Choose a free silo port with Hosting__SiloPort.");
        LocalPorts.EnsureFree(address, options.GatewayPort, $"{holders}. Choose a free gateway port with Hosting__GatewayPort.");
    }

    private static void ApplyTimings(ClusterMembershipOptions membership, MembershipTimings timings)
    {
        membership.ProbeTimeout = timings.ProbeTimeout ?? membership.ProbeTimeout;
        membership.NumMissedProbesLimit = timings.NumMissedProbesLimit ?? membership.NumMissedProbesLimit;
        membership.IAmAliveTablePublishTimeout = timings.IAmAliveTablePublishTimeout ?? membership.IAmAliveTablePublishTimeout;
        membership.TableRefreshTimeout = timings.TableRefreshTimeout ?? membership.TableRefreshTimeout;
    }
}
