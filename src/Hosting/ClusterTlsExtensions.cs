using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.Hosting;

public static class ClusterTlsExtensions
{
    /// <summary>Silo-to-silo and gateway connections of this silo speak mutual TLS with the cluster's certificates.</summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterCertificates certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        silo.Services.AddSingleton(certificates);
        return silo.UseTls(certificates.Apply);
    }

    /// <summary>This Orleans client's gateway connections speak mutual TLS with the cluster's certificates.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterCertificates certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        client.Services.AddSingleton(certificates);
        return client.UseTls(certificates.Apply);
    }

    /// <summary>Applies <see cref="HostingOptions.Tls"/>: certificates when enabled, a loud warning at every start when not.</summary>
    internal static void ApplyClusterTls(HostingOptions options, IServiceCollection services, Action<ClusterCertificates> useTls)
    {
        if (options.Tls.Enabled)
        {
            ClusterCertificates certificates;
            try
            {
                certificates = ClusterCertificates.Load(options.Tls);
            }
            catch (InvalidOperationException exception)
            {
                throw new OptionsValidationException("Hosting:Tls", typeof(ClusterTlsOptions), [exception.Message]);
            }

            useTls(certificates);
        }
        else
        {
            services.AddHostedService<ClusterTlsDisabledWarning>();
        }
    }
}
