using Microsoft.Extensions.Options;
using Platform.Audit;
using Platform.Grains.Identity;
using Platform.Hosting;

namespace Platform.Silo;

/// <summary>
/// <c>Silo audit verify --tenant &lt;id&gt;</c>: recomputes the tenant's keyed audit chain with the keys of
/// <c>Audit:ChainKeys</c>, reading as <c>Audit:ReaderConnectionString</c> (or <c>Hosting:PostgresConnectionString</c>).
/// Exit code 0 when intact, 1 when broken (the first broken seq is printed), 2 on wrong usage.
/// </summary>
internal static class AuditVerifyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var connectionString = builder.Configuration[$"{AuditOptions.Section}:{nameof(AuditOptions.ReaderConnectionString)}"]
            ?? builder.Configuration[$"{HostingOptions.Section}:{nameof(HostingOptions.PostgresConnectionString)}"];
        var keys = builder.Configuration.GetSection(AuditChainKeyOptions.Section).Get<AuditChainKeyOptions>() ?? new AuditChainKeyOptions();
        var keyProblem = AuditChain.Problem(keys);
        if (string.IsNullOrWhiteSpace(connectionString) || !TenantId.TryParse(builder.Configuration["tenant"], out var tenant) || keyProblem is not null)
        {
            await Console.Error.WriteLineAsync(
                "usage: Silo audit verify --tenant <id>, with Audit:ReaderConnectionString or Hosting:PostgresConnectionString "
                + "(environment: Audit__ReaderConnectionString) and the chain keys Audit:ChainKeys:Keys:<id> and Audit:ChainKeys:ActiveKeyId."
                + (keyProblem is null ? "" : $" {keyProblem}"));
            return 2;
        }

        using var host = builder.Build();
        await using var database = new AuditDatabase(connectionString);
        await using var auditLog = new PostgresAuditLog(
            database, new AuditChain(Options.Create(keys)), Options.Create(new AuditOptions()), host.Services.GetRequiredService<ILogger<PostgresAuditLog>>());
        var verification = await auditLog.VerifyAsync(tenant, CancellationToken.None);
        Console.WriteLine(verification);
        return verification.IsIntact ? 0 : 1;
    }
}
