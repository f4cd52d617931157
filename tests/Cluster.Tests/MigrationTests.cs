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
