using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Database;

namespace Platform.Benchmarks.Targets;

/// <summary>
/// A throwaway PostgreSQL 15 (<c>scripts/postgres.sh</c>, as the tests and CI start it; or the server named by
/// <c>PLATFORM_TEST_POSTGRES</c>), and databases migrated with the platform's roles, as the cluster tests make them.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string? ownedDirectory;

    private BenchPostgres(string server, string? ownedDirectory) => (Server, this.ownedDirectory) = (server, ownedDirectory);

    public string Server { get; }

    public static async Task<BenchPostgres> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return new BenchPostgres(external, null);
        }

        var directory = Path.Combine(Path.GetTempPath(), $"gateway-bench-pg-{Guid.NewGuid():N}");
        var server = (await ScriptAsync("start", directory, FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture))).Trim();
        return new BenchPostgres(server, directory);
    }

    /// <summary>A new database migrated with roles under a prefix of its own, and each role's connection.</summary>
    public async Task<PlatformDatabase> CreateDatabaseAsync()
    {
        var name = $"bench_{Guid.NewGuid():N}";
        await using (var server = NpgsqlDataSource.Create(Server))
        await using (var create = server.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var admin = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
        var options = new DatabaseRoleOptions
        {
            Prefix = $"b{Guid.NewGuid():N}"[..20],
            OwnerPassword = Password(),
            OrleansPassword = Password(),
            AuditWriterPassword = Password(),
            AuditReaderPassword = Password(),
        };
        var roles = new DatabaseRoles(options);
        await using (var database = NpgsqlDataSource.Create(admin))
        {
            await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(roles);
        }

        string As(string role, string password) => new NpgsqlConnectionStringBuilder(admin) { Username = role, Password = password }.ConnectionString;
        return new PlatformDatabase(admin, options, roles, As(roles.Owner, options.OwnerPassword), As(roles.Orleans, options.OrleansPassword),
            As(roles.AuditWriter, options.AuditWriterPassword), As(roles.AuditReader, options.AuditReaderPassword));
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (ownedDirectory is not null)
        {
            await ScriptAsync("stop", ownedDirectory);
        }
    }

    private static string Password() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private static async Task<string> ScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(BuildPaths.RepositoryRoot, "scripts", "postgres.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"postgres.sh {arguments[0]} failed: {await error}");
    }
}
