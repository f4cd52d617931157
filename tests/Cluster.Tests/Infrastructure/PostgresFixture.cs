using System.Diagnostics;
using Npgsql;
using Platform.Database;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL 15 for the whole test run: the one named by PLATFORM_TEST_POSTGRES (CI starts it), or a throwaway
/// server this fixture starts on a free loopback port and removes afterwards. Each test gets its own database.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string ExternalServerVariable = "PLATFORM_TEST_POSTGRES";
    private string? ownedDirectory;

    public string ServerConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ServerConnectionString = external;
            return;
        }

        ownedDirectory = Path.Combine(Path.GetTempPath(), $"platform-tests-pg-{Guid.NewGuid():N}");
        ServerConnectionString = (await RunScriptAsync("start", ownedDirectory, FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture))).Trim();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (ownedDirectory is not null)
        {
            await RunScriptAsync("stop", ownedDirectory);
        }
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var dataSource = NpgsqlDataSource.Create(ServerConnectionString))
        await using (var command = dataSource.CreateCommand($"CREATE DATABASE {name}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new database with the platform schema applied.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        return connectionString;
    }

    /// <summary>
    /// A new database migrated with the platform's roles (under a prefix of its own: roles are server-wide), and each
    /// role's connection string.
    /// </summary>
    public async Task<PlatformDatabase> CreateMigratedDatabaseWithRolesAsync()
    {
        var admin = await CreateDatabaseAsync();
        var options = new DatabaseRoleOptions
        {
            Prefix = $"t{Guid.NewGuid():N}"[..20],
            OwnerPassword = NewPassword(),
            OrleansPassword = NewPassword(),
            AuditWriterPassword = NewPassword(),
            AuditReaderPassword = NewPassword(),
        };
        var roles = new DatabaseRoles(options);
        await using (var dataSource = NpgsqlDataSource.Create(admin))
        {
            await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(roles);
        }

        string As(string role, string password) => new NpgsqlConnectionStringBuilder(admin) { Username = role, Password = password }.ConnectionString;
        return new PlatformDatabase(
            admin, options, roles, As(roles.Owner, options.OwnerPassword), As(roles.Orleans, options.OrleansPassword),
            As(roles.AuditWriter, options.AuditWriterPassword), As(roles.AuditReader, options.AuditReaderPassword));
    }

    private static string NewPassword() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private static async Task<string> RunScriptAsync(params string[] arguments)
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
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"postgres.sh {string.Join(' ', arguments)} failed: {await error}");
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
