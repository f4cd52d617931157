using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults;

namespace Platform.Hosting;

public static class ClusterReadinessExtensions
{
    /// <summary>Adds a readiness check that reflects whether this process can reach the Orleans cluster.</summary>
    public static IHealthChecksBuilder AddClusterReadinessCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<ClusterReadinessCheck>("orleans-cluster", tags: [ServiceDefaultsExtensions.ReadyTag]);
}
