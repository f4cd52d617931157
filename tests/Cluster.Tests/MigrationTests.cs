using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Database;

namespace Platform.Cluster.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrating_twice_applies_everything_once_and_leaves_the_same_schema()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var migrator = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);

        var first = await migrator.MigrateAsync();
        var schemaAfterFirst = await SchemaSnapshotAsync(dataSource);
        var second = await migrator.MigrateAsync();

        Assert.Equal(MigrationCatalog.All.Select(m => m.Version), first.Applied);
        Assert.NotEmpty(first.Applied);
        Assert.Empty(second.Applied);
        Assert.Equal(schemaAfterFirst, await SchemaSnapshotAsync(dataSource));
    }

    [Fact]
    public async Task Every_migration_script_is_itself_idempotent()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync());
        var before = await SchemaSnapshotAsync(dataSource);

        foreach (var migration in MigrationCatalog.All)
        {
            await using var command = dataSource.CreateCommand(migration.Sql);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(before, await SchemaSnapshotAsync(dataSource));
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_migration_exactly_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync()));

        Assert.Equal(
            MigrationCatalog.All.Select(m => m.Version).Order(),
            results.SelectMany(r => r.Applied).Order());
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM platform_schema_migrations");
        Assert.Equal(MigrationCatalog.All.Count, Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_is_refused()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync());
        await using (var tamper = dataSource.CreateCommand("UPDATE platform_schema_migrations SET checksum = 'edited' WHERE version = 1"))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync());
        Assert.Contains("was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_release_is_refused_not_silently_used()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync());
        await using (var future = dataSource.CreateCommand("INSERT INTO platform_schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')"))
        {
            await future.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync());
        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migration_checksums_do_not_depend_on_line_endings() =>
        Assert.All(MigrationCatalog.All, migration =>
            Assert.Equal(migration.Checksum, MigrationCatalog.ChecksumOf(migration.Sql.ReplaceLineEndings("\r\n"))));

    [Fact]
    public async Task The_schema_provides_every_query_key_the_orleans_providers_ask_for()
    {
        string[] required =
        [
            // Clustering (Microsoft.Orleans.Clustering.AdoNet 10.4)
            "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "GatewaysQueryKey",
            "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
            // Persistence
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            // Reminders
            "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync());
        await using var command = dataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync();
        var present = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            present.Add(reader.GetString(0));
        }

        Assert.Empty(required.Except(present));
    }

    [Fact]
    public async Task Migrating_with_roles_hands_everything_to_the_owner_and_running_it_again_changes_nothing()
    {
        // A database migrated before roles existed, then with them (twice), as an upgrade would do.
        var database = await postgres.CreateMigratedDatabaseWithRolesAsync();
        await using var admin = NpgsqlDataSource.Create(database.Admin);
        var before = await SchemaSnapshotAsync(admin);

        var again = await new DatabaseMigrator(admin, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(new DatabaseRoles(database.Options));

        Assert.Empty(again.Applied);
        Assert.Equal(before, await SchemaSnapshotAsync(admin));
        await using var owners = admin.CreateCommand("""
            SELECT c.relname || ' ' || pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v')
            UNION ALL
            SELECT p.proname || ' ' || pg_get_userbyid(p.proowner) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            """);
        var notOwned = new List<string>();
        await using (var reader = await owners.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (!reader.GetString(0).EndsWith($" {database.Roles.Owner}", StringComparison.Ordinal))
                {
                    notOwned.Add(reader.GetString(0));
                }
            }
        }

        Assert.Empty(notOwned);
    }

    [Fact]
    public async Task The_migrate_command_creates_the_roles_with_scram_verifiers_and_never_prints_a_password()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var prefix = $"m{Guid.NewGuid():N}"[..16];
        var passwords = Enumerable.Range(0, 4).Select(_ => Convert.ToHexString(RandomNumberGenerator.GetBytes(16))).ToArray();

        var (exitCode, output) = await SiloCommand.RunAsync(["migrate"], new Dictionary<string, string>
        {
            ["Hosting__PostgresConnectionString"] = connectionString,
            ["Database__Roles__Prefix"] = prefix,
            ["Database__Roles__OwnerPassword"] = passwords[0],
            ["Database__Roles__OrleansPassword"] = passwords[1],
            ["Database__Roles__AuditWriterPassword"] = passwords[2],
            ["Database__Roles__AuditReaderPassword"] = passwords[3],
            ["Logging__LogLevel__Default"] = "Trace",
        });
        var weak = await SiloCommand.RunAsync(["migrate"], new Dictionary<string, string>
        {
            ["Hosting__PostgresConnectionString"] = connectionString,
            ["Database__Roles__OwnerPassword"] = "short",
        });

        Assert.True(exitCode == 0, output);
        Assert.Contains($"Roles {prefix}_owner (owner), {prefix}_orleans, {prefix}_audit_writer and {prefix}_audit_reader are in place", output, StringComparison.Ordinal);
        Assert.All(passwords, password => Assert.DoesNotContain(password, output, StringComparison.Ordinal));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var stored = dataSource.CreateCommand($"SELECT rolname, rolpassword, rolsuper, rolcreaterole FROM pg_authid WHERE rolname LIKE '{prefix}%' ORDER BY rolname");
        await using var reader = await stored.ExecuteReaderAsync();
        var roles = 0;
        while (await reader.ReadAsync())
        {
            roles++;
            Assert.StartsWith("SCRAM-SHA-256$4096:", reader.GetString(1), StringComparison.Ordinal);
            Assert.False(reader.GetBoolean(2) || reader.GetBoolean(3), $"{reader.GetString(0)} must hold no administrative attribute");
        }

        Assert.Equal(4, roles);
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("at least 16 printable ASCII characters", weak.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("short", weak.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrate_command_connects_with_the_migrator_connection_and_falls_back_to_the_orleans_one()
    {
        var migratorDatabase = await postgres.CreateDatabaseAsync();
        var fallbackDatabase = await postgres.CreateDatabaseAsync();

        var withMigrator = await SiloCommand.RunAsync(["migrate"], new Dictionary<string, string>
        {
            ["Database__MigratorConnectionString"] = migratorDatabase,
            // Nothing listens on port 1: had migrate used this connection, it would have failed.
            ["Hosting__PostgresConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2",
        });
        var withFallback = await SiloCommand.RunAsync(["migrate"], new Dictionary<string, string>
        {
            ["Hosting__PostgresConnectionString"] = fallbackDatabase,
        });
        var withNeither = await SiloCommand.RunAsync(["migrate"], new Dictionary<string, string>());

        Assert.True(withMigrator.ExitCode == 0, withMigrator.Output);
        Assert.True(withFallback.ExitCode == 0, withFallback.Output);
        foreach (var database in new[] { migratorDatabase, fallbackDatabase })
        {
            await using var dataSource = NpgsqlDataSource.Create(database);
            await using var migrated = dataSource.CreateCommand("SELECT count(*) FROM orleansquery");
            Assert.True((long)(await migrated.ExecuteScalarAsync())! > 0);
        }

        Assert.Equal(2, withNeither.ExitCode);
        Assert.Contains("Database__MigratorConnectionString", withNeither.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scram_verifier_matches_an_independent_computation() =>
        // RFC 7677's example password and salt; the expected keys computed with Python's hashlib and hmac.
        Assert.Equal(
            "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
            ScramVerifier.Create("pencil", Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ==")));

    /// <summary>Tables, columns, indexes, functions and stored Orleans queries, as comparable text.</summary>
    private static async Task<string> SchemaSnapshotAsync(NpgsqlDataSource dataSource)
    {
        var snapshot = new StringBuilder();
        string[] queries =
        [
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name
            """,
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname",
            """
            SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)
            """,
            """SELECT querykey || '=' || querytext FROM orleansquery ORDER BY querykey""",
        ];
        foreach (var query in queries)
        {
            await using var command = dataSource.CreateCommand(query);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                snapshot.AppendLine(reader.GetString(0));
            }
        }

        return snapshot.ToString();
    }
}
