using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The PostgreSQL audit log on the connections of <see cref="AuditOptions"/> (section <c>Audit</c>), its chain keyed
    /// by <see cref="AuditChainKeyOptions"/> (section <c>Audit:ChainKeys</c>, required).
    /// </summary>
    public static IServiceCollection AddPostgresAuditLog(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations()
            .Validate(options => !string.IsNullOrWhiteSpace(options.WriterConnectionString), "The PostgreSQL audit log needs Audit:WriterConnectionString.")
            .ValidateOnStart();
        services.AddAuditChain();
        services.AddSingleton<AuditDatabase>();
        services.AddSingleton<PostgresAuditLog>();
        services.AddSingleton<IAuditLog>(provider => provider.GetRequiredService<PostgresAuditLog>());
        return services;
    }

    /// <summary>
    /// The in-process audit log of embedded mode, bounded by <see cref="InMemoryAuditOptions"/>, which announces at start
    /// that it is in memory. Its rows die with the process, so without configured chain keys it keys them with a key
    /// generated for this process.
    /// </summary>
    public static IServiceCollection AddInMemoryAuditLog(this IServiceCollection services)
    {
        services.AddOptions<InMemoryAuditOptions>().BindConfiguration(InMemoryAuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuditChain();
        services.PostConfigure<AuditChainKeyOptions>(ring =>
        {
            if (ring.Keys.Count == 0)
            {
                var generated = AuditChain.GenerateKeyRing("embedded-process");
                (ring.Keys, ring.ActiveKeyId) = (generated.Keys, generated.ActiveKeyId);
            }
        });
        services.AddSingleton<IAuditLog, InMemoryAuditLog>();
        services.AddHostedService<InMemoryAuditLogNotice>();
        return services;
    }

    private static void AddAuditChain(this IServiceCollection services)
    {
        services.AddOptions<AuditChainKeyOptions>().BindConfiguration(AuditChainKeyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditChainKeyOptions>, AuditChainKeyOptionsValidator>());
        services.TryAddSingleton<AuditChain>();
    }
}
