using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Audit;

namespace Platform.Hosting;

public static class PlatformAuditExtensions
{
    /// <summary>
    /// The audit log for the hosting mode: in memory in embedded mode (which says so at start), PostgreSQL in cluster mode,
    /// writing as the audit writer role (<c>Audit:WriterConnectionString</c>) and, where <paramref name="readsAuditLog"/>,
    /// reading as the audit reader role (<c>Audit:ReaderConnectionString</c>). Only in the Development environment do
    /// both fall back to <c>Hosting:PostgresConnectionString</c>.
    /// </summary>
    public static IServiceCollection AddPlatformAudit(
        this IServiceCollection services, HostingOptions options, IHostEnvironment environment, bool readsAuditLog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (options.Mode == HostingMode.Embedded)
        {
            return services.AddInMemoryAuditLog();
        }

        services.AddPostgresAuditLog();
        if (environment.IsDevelopment())
        {
            services.PostConfigure<AuditOptions>(audit =>
            {
                audit.WriterConnectionString ??= options.PostgresConnectionString;
                audit.ReaderConnectionString ??= options.PostgresConnectionString;
            });
        }

        if (readsAuditLog)
        {
            services.AddOptions<AuditOptions>().Validate(
                audit => !string.IsNullOrWhiteSpace(audit.ReaderConnectionString),
                "This process reads the audit log: set Audit:ReaderConnectionString (environment: Audit__ReaderConnectionString), the audit reader role's connection.");
        }

        return services;
    }
}
