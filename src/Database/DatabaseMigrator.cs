using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Database;

/// <summary>
/// Applies the shipped migrations that the database has not seen, each in its own transaction, and records them.
/// Safe to run from several processes at once (an advisory lock serialises them) and to run again (a no-op).
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Arbitrary constant shared by every migrator of this schema.
    private const long AdvisoryLockKey = 0x4F524C4E_4D494752;

    /// <summary>
    /// Applies what is missing. With <paramref name="roles"/>, the roles are created or updated first, the migrations run
    /// as <see cref="DatabaseRoles.Owner"/> (which then owns everything), and every role's privileges are granted anew.
    /// </summary>
    public async Task<MigrationResult> MigrateAsync(DatabaseRoles? roles = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Lock first: even CREATE TABLE IF NOT EXISTS races when two migrators start together.
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            if (roles is not null)
            {
                await roles.PrepareAsync(connection, cancellationToken);
                await ExecuteAsync(connection, null, $"SET ROLE \"{roles.Owner}\"", cancellationToken);
            }

            var result = await ApplyMissingAsync(connection, cancellationToken);
            if (roles is not null)
            {
                await ExecuteAsync(connection, null, "RESET ROLE", cancellationToken);
                await roles.GrantAsync(connection, cancellationToken);
            }

            return result;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"RESET ROLE; SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private async Task<MigrationResult> ApplyMissingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS platform_schema_migrations (
                version     integer PRIMARY KEY,
                name        text        NOT NULL,
                checksum    text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);
        var applied = await ReadAppliedAsync(connection, cancellationToken);
        var newest = MigrationCatalog.All.Count == 0 ? 0 : MigrationCatalog.All[^1].Version;
        var unknown = applied.Keys.Where(version => version > newest).Order().ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database has migrations this build does not know ({string.Join(", ", unknown)}): it belongs to a newer release.");
        }

        var newlyApplied = new List<int>();
        foreach (var migration in MigrationCatalog.All)
        {
            if (applied.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version} ({migration.Name}) was changed after it was applied; add a new migration instead.");
                }

                continue;
            }

            await ApplyAsync(connection, migration, cancellationToken);
            newlyApplied.Add(migration.Version);
            LogApplied(logger, migration.Version, migration.Name);
        }

        return new MigrationResult(newlyApplied, MigrationCatalog.All.Count);
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO platform_schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
            connection,
            transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM platform_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} {Name}")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
