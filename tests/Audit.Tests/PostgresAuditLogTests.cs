using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Database;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Platform.Audit.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditLogTests(PostgresFixture postgres, ITestOutputHelper output) : AuditLogBehaviour
{
    private readonly List<IAsyncDisposable> resources = [];
    private string connectionString = "";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var resource in resources)
        {
            await resource.DisposeAsync();
        }
    }

    protected override async Task<IAuditLog> CreateLogAsync()
    {
        connectionString = await postgres.CreateMigratedDatabaseAsync();
        return NewWriter("audit-test", Chain);
    }

    [Fact]
    public async Task AppendAsync_returns_only_once_the_row_is_visible_to_another_connection()
    {
        await using var observer = NpgsqlDataSource.Create(connectionString);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await Log.AppendAsync(AuditRecords.ToolCall("acme", $"page-{i}"), CancellationToken.None);
            await using var command = observer.CreateCommand("SELECT count(*) FROM audit_log WHERE tenant = 'acme' AND target = $1");
            command.Parameters.AddWithValue($"page-{i}");
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        })));
    }

    [Fact]
    public async Task Two_writers_on_the_same_tenant_build_one_valid_chain()
    {
        var second = NewWriter("audit-test-second-silo", Chain);

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Log : second).AppendAsync(AuditRecords.ToolCall("acme", $"page-{i}"), CancellationToken.None).AsTask())));

        var rows = await ExportAllAsync(Acme);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), rows.Select(r => r.Sequence));
        Assert.Equal(1000, rows.Select(r => r.Record.Target).Distinct().Count());
        Assert.True((await second.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task A_writer_whose_remembered_head_was_moved_by_another_writer_chains_onto_the_real_head()
    {
        var other = NewWriter("audit-test-other-silo", Chain);

        await Log.AppendAsync(AuditRecords.ToolCall("acme", "first"), CancellationToken.None);
        await other.AppendAsync(AuditRecords.ToolCall("acme", "second"), CancellationToken.None);
        await Log.AppendAsync(AuditRecords.ToolCall("acme", "third"), CancellationToken.None);

        var rows = await ExportAllAsync(Acme);
        Assert.Equal(["first", "second", "third"], rows.Select(r => r.Record.Target));
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Sequence));
        Assert.True((await Log.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_audit_rows()
    {
        await AppendAsync(3);

        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("DELETE FROM audit_log WHERE seq = 2"));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("TRUNCATE audit_log"));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("UPDATE audit_chain_heads SET last_seq = 1"));
        Assert.True((await Log.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task An_edited_row_is_reported_at_its_seq()
    {
        await AppendAsync(20);

        await TamperAsync("UPDATE audit_log SET decision = 'Denied' WHERE tenant = 'acme' AND seq = 7");

        var verification = await Log.VerifyAsync(Acme, CancellationToken.None);
        Assert.Equal(7, verification.FirstBrokenSequence);
        Assert.Contains("edited", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_row_is_reported_even_when_the_forger_recomputed_every_plain_hash_and_the_head()
    {
        await AppendAsync(20);
        var rows = await ExportAllAsync(Acme);

        // The attacker rewrites seq 7 and re-links 7..20 with plain SHA-256, the best anyone without the key can do.
        var previousHash = rows[5].Hash;
        var rewrite = new StringBuilder();
        foreach (var row in rows.Skip(6))
        {
            var record = row.Sequence == 7 ? row.Record with { Actor = "mallory" } : row.Record;
            var hash = AuditChain.ComputeUnkeyedHash(previousHash, row.Sequence, record);
            rewrite.Append(CultureInfo.InvariantCulture,
                $"UPDATE audit_log SET actor = '{record.Actor}', prev_hash = '{previousHash}', hash = '{hash}' WHERE tenant = 'acme' AND seq = {row.Sequence};");
            previousHash = hash;
        }

        await TamperAsync($"{rewrite} UPDATE audit_chain_heads SET last_hash = '{previousHash}' WHERE tenant = 'acme'");

        var verification = await Log.VerifyAsync(Acme, CancellationToken.None);
        Assert.Equal(7, verification.FirstBrokenSequence);
        Assert.Contains("keyed hash", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_rotate_old_rows_verify_by_their_key_id_and_a_row_of_an_unknown_key_is_reported()
    {
        var first = AuditRecords.Keys("k1");
        var rotated = new AuditChainKeyOptions { Keys = { ["k1"] = first.Keys["k1"], ["k2"] = AuditChain.GenerateKeyRing("k2").Keys["k2"] }, ActiveKeyId = "k2" };
        var before = NewWriter("audit-test-k1", AuditRecords.Chain(first));
        for (var i = 1; i <= 3; i++)
        {
            await before.AppendAsync(AuditRecords.ToolCall("globex", $"before-{i}"), CancellationToken.None);
        }

        var after = NewWriter("audit-test-k2", AuditRecords.Chain(rotated));
        for (var i = 1; i <= 3; i++)
        {
            await after.AppendAsync(AuditRecords.ToolCall("globex", $"after-{i}"), CancellationToken.None);
        }

        var rows = await ExportAllAsync(Globex);
        var intact = await after.VerifyAsync(Globex, CancellationToken.None);
        var withoutOldKey = await NewWriter("audit-test-k2-only", AuditRecords.Chain(new AuditChainKeyOptions
        {
            Keys = { ["k2"] = rotated.Keys["k2"] },
            ActiveKeyId = "k2",
        })).VerifyAsync(Globex, CancellationToken.None);

        Assert.Equal(["k1", "k1", "k1", "k2", "k2", "k2"], rows.Select(r => r.KeyId));
        Assert.True(intact.IsIntact, intact.ToString());
        Assert.Equal(1, withoutOldKey.FirstBrokenSequence);
        Assert.Contains("'k1', which is not among Audit:ChainKeys:Keys", withoutOldKey.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unkeyed_rows_from_before_migration_0005_still_verify_but_not_after_a_keyed_row()
    {
        // Rows as the release before keyed chains wrote them: format 1, plain SHA-256, no credential columns.
        var previousHash = AuditChain.GenesisHash;
        var legacy = new StringBuilder("ALTER TABLE audit_log DROP CONSTRAINT ck_audit_log_keyed;");
        for (var seq = 1; seq <= 3; seq++)
        {
            var record = AuditRecords.ToolCall("acme", $"legacy-{seq}", occurredAt: AuditRecords.Start.AddSeconds(seq));
            var hash = AuditChain.ComputeUnkeyedHash(previousHash, seq, record);
            legacy.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO audit_log (tenant, seq, kind, occurred_at, actor, client_name, client_version, operation, target, arguments_digest,
                    arguments_preview, decision, upstream_status, latency_ms, upstream_latency_ms, prev_hash, hash, chain_format)
                VALUES ('acme', {seq}, 'ToolCall', '{record.OccurredAt.UtcDateTime:O}', 'alice', 'claude-code', '2.1.0', 'getPage', 'legacy-{seq}',
                    '{record.ArgumentsDigest}', '{record.ArgumentsPreview}', 'Allowed', 200, {record.LatencyMs}, {record.UpstreamLatencyMs}, '{previousHash}', '{hash}', 1);
                """);
            previousHash = hash;
        }

        await ExecuteAsync($"{legacy} INSERT INTO audit_chain_heads VALUES ('acme', 0, '{AuditChain.GenesisHash}');"
            + $" UPDATE audit_chain_heads SET last_seq = 3, last_hash = '{previousHash}' WHERE tenant = 'acme';");
        await ExecuteAsync(MigrationCatalog.All.Single(m => m.Version == 5).Sql);
        await AppendAsync(2);

        var mixed = await Log.VerifyAsync(Acme, CancellationToken.None);
        var lastRow = (await ExportAllAsync(Acme))[^1];
        var downgraded = lastRow.Record with { Target = "unkeyed-after-keyed" };
        var downgradedHash = AuditChain.ComputeUnkeyedHash(lastRow.Hash, 6, downgraded);
        await TamperAsync($"""
            ALTER TABLE audit_log DROP CONSTRAINT ck_audit_log_keyed;
            INSERT INTO audit_log (tenant, seq, kind, occurred_at, actor, client_name, client_version, operation, target, arguments_digest,
                arguments_preview, decision, upstream_status, latency_ms, upstream_latency_ms, prev_hash, hash, chain_format)
            SELECT tenant, 6, kind, occurred_at, actor, client_name, client_version, operation, 'unkeyed-after-keyed', arguments_digest,
                arguments_preview, decision, upstream_status, latency_ms, upstream_latency_ms, '{lastRow.Hash}', '{downgradedHash}', 1
            FROM audit_log WHERE tenant = 'acme' AND seq = 5;
            UPDATE audit_chain_heads SET last_seq = 6, last_hash = '{downgradedHash}' WHERE tenant = 'acme'
            """);
        var downgrade = await Log.VerifyAsync(Acme, CancellationToken.None);

        Assert.True(mixed.IsIntact, mixed.ToString());
        Assert.Equal((5L, 3L), (mixed.RowsChecked, mixed.UnkeyedRows));
        Assert.Contains("the first 3 rows predate keyed chains", mixed.ToString(), StringComparison.Ordinal);
        Assert.Equal(6, downgrade.FirstBrokenSequence);
        Assert.Contains("unkeyed format after keyed rows", downgrade.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_changed_in_the_database_is_reported_as_an_edit()
    {
        await Log.AppendAsync(AuditRecords.ToolCall("acme", "page-1", credential: "api-key:k1"), CancellationToken.None);

        await TamperAsync("UPDATE audit_log SET credential = 'api-key:someone-else' WHERE tenant = 'acme' AND seq = 1");

        Assert.Equal(1, (await Log.VerifyAsync(Acme, CancellationToken.None)).FirstBrokenSequence);
    }

    [Theory]
    [InlineData("'0'")]
    [InlineData("'denied'")]
    [InlineData("'Bogus'")]
    public async Task A_decision_rewritten_to_another_spelling_is_reported_as_an_edit(string decision)
    {
        await AppendAsync(5);

        await TamperAsync($"UPDATE audit_log SET decision = {decision} WHERE tenant = 'acme' AND seq = 2");

        Assert.Equal(2, (await Log.VerifyAsync(Acme, CancellationToken.None)).FirstBrokenSequence);
    }

    [Fact]
    public async Task A_deleted_row_is_reported_as_the_gap_it_leaves()
    {
        await AppendAsync(20);

        await TamperAsync("DELETE FROM audit_log WHERE tenant = 'acme' AND seq = 5");

        var verification = await Log.VerifyAsync(Acme, CancellationToken.None);
        Assert.Equal(5, verification.FirstBrokenSequence);
        Assert.Contains("missing", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_newest_rows_is_caught_by_the_chain_head()
    {
        await AppendAsync(20);

        await TamperAsync("DELETE FROM audit_log WHERE tenant = 'acme' AND seq >= 19");

        var verification = await Log.VerifyAsync(Acme, CancellationToken.None);
        Assert.Equal(19, verification.FirstBrokenSequence);
        Assert.Contains("tail truncated", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapping_two_rows_seq_numbers_is_reported_at_the_first()
    {
        await AppendAsync(10);

        // Through a spare seq: the primary key is checked row by row.
        await TamperAsync("""
            UPDATE audit_log SET seq = 1000 WHERE tenant = 'acme' AND seq = 3;
            UPDATE audit_log SET seq = 3 WHERE tenant = 'acme' AND seq = 4;
            UPDATE audit_log SET seq = 4 WHERE tenant = 'acme' AND seq = 1000
            """);

        Assert.Equal(3, (await Log.VerifyAsync(Acme, CancellationToken.None)).FirstBrokenSequence);
    }

    [Fact]
    public async Task Tampering_with_one_tenant_leaves_the_other_tenants_chain_intact()
    {
        await AppendAsync(5);
        await Log.AppendAsync(AuditRecords.ToolCall("globex", "g-1"), CancellationToken.None);

        await TamperAsync("DELETE FROM audit_log WHERE tenant = 'acme' AND seq = 2");

        Assert.False((await Log.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
        Assert.True((await Log.VerifyAsync(Globex, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task Every_acknowledged_row_survives_the_writers_connections_being_killed_mid_load()
    {
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var appends = Enumerable.Range(0, 3000).Select(i => Task.Run(async () =>
        {
            var target = $"page-{i}";
            await Log.AppendAsync(AuditRecords.ToolCall("acme", target), CancellationToken.None);
            acknowledged.Add(target);
        })).ToList();

        // Kill the writer's server sessions while batches are in flight: their transactions die uncommitted.
        for (var kill = 0; kill < 5 && appends.Any(a => !a.IsCompleted); kill++)
        {
            await Task.Delay(20);
            await ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'audit-test' AND pid <> pg_backend_pid()");
        }

        await Task.WhenAll(appends.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));
        var stored = (await ExportAllAsync(Acme)).Select(r => r.Record.Target!).ToHashSet();
        Assert.NotEmpty(acknowledged);
        Assert.Subset(stored, acknowledged.ToHashSet());
        Assert.True((await Log.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
        output.WriteLine($"{acknowledged.Count} of 3000 appends acknowledged, {stored.Count} rows stored.");
    }

    [Fact]
    public async Task Ten_thousand_concurrent_appends_are_all_committed_and_chained()
    {
        const int Count = 10_000;
        var records = Enumerable.Range(0, Count).Select(i => AuditRecords.ToolCall(i % 10 == 0 ? "globex" : "acme", $"page-{i}")).ToList();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        // Off xunit's synchronization context, which would otherwise serialise 10,000 continuations and be what is measured.
        await Task.Run(() => Task.WhenAll(records.Select(record => Log.AppendAsync(record, CancellationToken.None).AsTask())));

        clock.Stop();
        // On a shared build host wall time mostly measures the neighbours; the CPU the gateway side used is steadier.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        output.WriteLine(
            $"{Count} appends in {clock.ElapsedMilliseconds} ms: {Count / clock.Elapsed.TotalSeconds:F0} rows/s; {cpu.TotalMilliseconds:F0} ms CPU in this process");
        Assert.Equal(Count - (Count / 10), (await Log.VerifyAsync(Acme, CancellationToken.None)).RowsChecked);
        Assert.Equal(Count / 10, (await Log.VerifyAsync(Globex, CancellationToken.None)).RowsChecked);
    }

    [Fact]
    public async Task Appends_after_shutdown_are_refused_and_queued_ones_are_committed_first()
    {
        var writer = NewWriter("audit-test-shutdown", Chain);
        var queued = Enumerable.Range(0, 300).Select(i => writer.AppendAsync(AuditRecords.ToolCall("acme", $"page-{i}"), CancellationToken.None).AsTask()).ToList();

        await writer.DisposeAsync();

        await Task.WhenAll(queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.AppendAsync(AuditRecords.ToolCall("acme", "late"), CancellationToken.None).AsTask());
        Assert.Equal(300, (await Log.VerifyAsync(Acme, CancellationToken.None)).RowsChecked);
    }

    [Fact]
    public async Task The_verify_command_exits_0_when_intact_and_1_with_the_broken_seq_when_not()
    {
        await AppendAsync(10);

        var intact = await RunVerifyCommandAsync("acme");
        await TamperAsync("UPDATE audit_log SET target = 'page-x' WHERE tenant = 'acme' AND seq = 4");
        var broken = await RunVerifyCommandAsync("acme");
        var usage = await RunVerifyCommandAsync("Not A Tenant");

        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("intact (10 rows)", intact.Output, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("broken at seq 4", broken.Output, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public async Task The_service_registration_takes_its_connections_and_chain_keys_from_configuration_and_refuses_to_run_without_keys()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Audit:WriterConnectionString"] = connectionString,
            ["Audit:ChainKeys:ActiveKeyId"] = "test-key",
            ["Audit:ChainKeys:Keys:test-key"] = ChainKeys.Keys["test-key"],
        };
        await using var provider = Provider(settings, services => services.AddPostgresAuditLog());
        await using var keyless = Provider(new() { ["Audit:WriterConnectionString"] = connectionString }, services => services.AddPostgresAuditLog());

        var log = provider.GetRequiredService<IAuditLog>();
        await log.AppendAsync(AuditRecords.ToolCall("acme", "page-1"), CancellationToken.None);

        Assert.IsType<PostgresAuditLog>(log);
        Assert.Equal(1, (await Log.VerifyAsync(Acme, CancellationToken.None)).RowsChecked);
        var refused = Assert.Throws<OptionsValidationException>(() => keyless.GetRequiredService<IAuditLog>());
        Assert.Contains("Audit:ChainKeys", refused.Message, StringComparison.Ordinal);
        await using var embedded = Provider([], services => services.AddInMemoryAuditLog());
        Assert.IsType<InMemoryAuditLog>(embedded.GetRequiredService<IAuditLog>());
        Assert.Single(embedded.GetServices<IHostedService>());
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings, Action<IServiceCollection> audit)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        audit(services);
        return services.BuildServiceProvider();
    }

    private PostgresAuditLog NewWriter(string applicationName, AuditChain chain)
    {
        var database = new AuditDatabase(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = applicationName }.ConnectionString);
        var writer = new PostgresAuditLog(database, chain, Options.Create(new AuditOptions()), NullLogger<PostgresAuditLog>.Instance);
        // Disposed in reverse: the writer drains before its connections close.
        resources.Insert(0, database);
        resources.Insert(0, writer);
        return writer;
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Log.AppendAsync(AuditRecords.ToolCall("acme", $"page-{i}", occurredAt: AuditRecords.Start.AddSeconds(i)), CancellationToken.None);
        }
    }

    /// <summary>An attacker with database access: as superuser, with triggers switched off for the session.</summary>
    private Task TamperAsync(string sql) => ExecuteAsync($"SET session_replication_role = replica; {sql}; RESET session_replication_role;");

    private async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private Task<(int ExitCode, string Output)> RunVerifyCommandAsync(string tenant) =>
        SiloCommand.RunAsync(["audit", "verify", "--tenant", tenant], new Dictionary<string, string>
        {
            ["Audit__ReaderConnectionString"] = connectionString,
            ["Audit__ChainKeys__ActiveKeyId"] = "test-key",
            ["Audit__ChainKeys__Keys__test-key"] = ChainKeys.Keys["test-key"],
        });
}
