using Microsoft.Extensions.DependencyInjection;
using Platform.Audit;

namespace Platform.Hosting;

public static class PlatformAuditExtensions
{
    /// <summary>
    /// The audit log for the hosting mode: PostgreSQL in cluster mode (on the silo's one <see cref="Npgsql.NpgsqlDataSource"/>),
    /// in memory in embedded mode, which logs at start that it is.
    /// </summary>
    public static IServiceCollection AddPlatformAudit(this IServiceCollection services, HostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Mode == HostingMode.Cluster ? services.AddPostgresAuditLog() : services.AddInMemoryAuditLog();
    }
}
