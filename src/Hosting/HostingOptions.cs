using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Platform.Hosting;

/// <summary>How this process takes part in the Orleans cluster. Section <c>Hosting</c>.</summary>
public sealed class HostingOptions : IValidatableObject
{
    public const string Section = "Hosting";

    public HostingMode Mode { get; set; } = HostingMode.Embedded;

    [Required]
    public string ClusterId { get; set; } = "confluence-gateway";

    [Required]
    public string ServiceId { get; set; } = "confluence-gateway";

    /// <summary>Silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (Api processes) connect to.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; empty picks this host's address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Connection string of the platform database; required in cluster mode.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// Run the silo under Orleans' Kubernetes hosting: silo name, namespace and advertised address from the pod
    /// (<c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>POD_IP</c>), and silos whose pods are gone declared dead at once.
    /// Membership stays on PostgreSQL.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>Mutual TLS between cluster members; required in cluster mode unless explicitly disabled.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>How quickly the cluster declares an unresponsive silo dead. Defaults suit production; tests shorten them.</summary>
    public MembershipTimings Membership { get; set; } = new();

    /// <summary>
    /// How long each of a user's grains (connection, API keys, OAuth grants) stays in memory after its last call. A user
    /// grain holds little (sealed tokens, the pushed policy, rate-limit leases) and comes back in one storage read, so
    /// idle users leave well before Orleans' default of two hours: 100,000 users who called once this morning do not
    /// stay resident all day.
    /// </summary>
    public TimeSpan UserGrainIdleLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often Orleans looks for idle grains to collect (its default is a minute).</summary>
    public TimeSpan GrainCollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == HostingMode.Cluster && string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            yield return new ValidationResult(
                "Cluster mode needs Hosting:PostgresConnectionString (environment: Hosting__PostgresConnectionString).",
                [nameof(PostgresConnectionString)]);
        }

        if (!string.IsNullOrEmpty(AdvertisedAddress) && !IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return new ValidationResult(
                $"Hosting:AdvertisedAddress must be an IP address, not '{AdvertisedAddress}'.", [nameof(AdvertisedAddress)]);
        }

        if (Kubernetes && Mode != HostingMode.Cluster)
        {
            yield return new ValidationResult("Hosting:Kubernetes needs Hosting:Mode=Cluster.", [nameof(Kubernetes)]);
        }

        if (Mode == HostingMode.Cluster)
        {
            foreach (var result in Tls.Validate())
            {
                yield return result;
            }
        }

        if (GrainCollectionQuantum <= TimeSpan.Zero || UserGrainIdleLifetime < GrainCollectionQuantum)
        {
            yield return new ValidationResult(
                "Hosting:GrainCollectionQuantum must be positive and no longer than Hosting:UserGrainIdleLifetime.", [nameof(UserGrainIdleLifetime)]);
        }

        if (SiloPort == GatewayPort)
        {
            yield return new ValidationResult("Hosting:SiloPort and Hosting:GatewayPort must differ.", [nameof(GatewayPort)]);
        }
    }
}
