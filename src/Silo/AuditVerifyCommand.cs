using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Audit;
using Platform.Grains.Identity;
using Platform.Hosting;

namespace Platform.Silo;

/// <summary>
/// <c>Silo audit verify --tenant &lt;id&gt;</c>: recomputes the tenant's audit hash chain. Exit code 0 when intact,
/// 1 when broken (the first broken seq is printed), 2 on wrong usage.
/// </summary>
internal static class AuditVerifyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var connectionString = builder.Configuration[$"{HostingOptions.Section}:{nameof(HostingOptions.PostgresConnectionString)}"];
        if (string.IsNullOrWhiteSpace(connectionString) || !TenantId.TryParse(builder.Configuration["tenant"], out var tenant))
        {
            await Console.Error.WriteLineAsync(
                "usage: Silo audit verify --tenant <id>, with Hosting:PostgresConnectionString (environment: Hosting__PostgresConnectionString).");
            return 2;
        }

        using var host = builder.Build();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var auditLog = new PostgresAuditLog(
            dataSource, Options.Create(new AuditOptions()), host.Services.GetRequiredService<ILogger<PostgresAuditLog>>());
        var verification = await auditLog.VerifyAsync(tenant, CancellationToken.None);
        Console.WriteLine(verification);
        return verification.IsIntact ? 0 : 1;
    }
}
