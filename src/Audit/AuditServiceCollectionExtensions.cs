using Microsoft.Extensions.DependencyInjection;

namespace Platform.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The PostgreSQL audit log on the <see cref="Npgsql.NpgsqlDataSource"/> the container already holds.</summary>
    public static IServiceCollection AddPostgresAuditLog(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PostgresAuditLog>();
        services.AddSingleton<IAuditLog>(provider => provider.GetRequiredService<PostgresAuditLog>());
        return services;
    }

    /// <summary>The in-process audit log of embedded mode, which announces at start that it is in memory.</summary>
    public static IServiceCollection AddInMemoryAuditLog(this IServiceCollection services)
    {
        services.AddSingleton<IAuditLog, InMemoryAuditLog>();
        services.AddHostedService<InMemoryAuditLogNotice>();
        return services;
    }
}
