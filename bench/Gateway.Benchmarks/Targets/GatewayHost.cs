using Microsoft.Extensions.DependencyInjection;
using Platform.Api;
using Platform.Audit;
using Platform.Hosting;

namespace Platform.Benchmarks.Targets;

/// <summary>
/// The embedded Api exactly as <c>src/Api</c> builds it, with the audit sink swapped: <c>off</c> keeps no rows (the
/// baseline the audit cost is measured against; it exists only here, never in the product) or <c>postgres</c> writes
/// them to PostgreSQL as cluster mode does. The benchmark runs this executable as that process.
/// </summary>
internal static class GatewayHost
{
    public const string AuditVariable = "Benchmark__GatewayAudit";

    public static async Task<int> RunAsync(string audit, string[] args) => await StartupErrors.RunAsync(async () =>
    {
        Action<IServiceCollection> sink = audit switch
        {
            "off" => services => services.AddSingleton<IAuditLog, DiscardingAuditLog>(),
            "postgres" => services => services.AddPostgresAuditLog(),
            _ => throw new ArgumentException($"{AuditVariable} must be 'off' or 'postgres', not '{audit}'."),
        };
        await PlatformApi.Build(args, sink).RunAsync();
        return 0;
    });
}
