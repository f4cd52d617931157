using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Database;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>A running PostgreSQL server, by its administrative connection string: it makes the tests' databases.</summary>
public sealed class PostgresServer(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var dataSource = NpgsqlDataSource.Create(ConnectionString))
        await using (var command = dataSource.CreateCommand($"CREATE DATABASE {name}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
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
}
