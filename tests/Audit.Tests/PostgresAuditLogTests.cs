using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Cluster.Tests.Infrastructure;
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
        return NewWriter("audit-test");
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
        var second = NewWriter("audit-test-second-silo");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Log : second).AppendAsync(AuditRecords.ToolCall("acme", $"page-{i}"), CancellationToken.None).AsTask())));

        var rows = await ExportAllAsync(Acme);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), rows.Select(r => r.Sequence));
        Assert.Equal(1000, rows.Select(r => r.Record.Target).Distinct().Count());
        Assert.True((await second.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
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
    public async Task An_edited_row_with_a_recomputed_own_hash_breaks_the_next_link()
    {
        await AppendAsync(20);
        var rows = await ExportAllAsync(Acme);
        var forged = rows[6].Record with { Actor = "mallory" };

        await TamperAsync(
            $"UPDATE audit_log SET actor = 'mallory', hash = '{AuditChain.ComputeHash(rows[6].PreviousHash, 7, forged)}' WHERE tenant = 'acme' AND seq = 7");

        var verification = await Log.VerifyAsync(Acme, CancellationToken.None);
        Assert.Equal(8, verification.FirstBrokenSequence);
        Assert.Contains("previous hash", verification.Problem, StringComparison.Ordinal);
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
        var writer = NewWriter("audit-test-shutdown");
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
    public async Task The_service_registration_uses_the_data_source_already_in_the_container()
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton(dataSource)
            .AddPostgresAuditLog();
        await using var provider = services.BuildServiceProvider();

        var log = provider.GetRequiredService<IAuditLog>();
        await log.AppendAsync(AuditRecords.ToolCall("acme", "page-1"), CancellationToken.None);

        Assert.IsType<PostgresAuditLog>(log);
        Assert.Equal(1, (await Log.VerifyAsync(Acme, CancellationToken.None)).RowsChecked);
        Assert.IsType<InMemoryAuditLog>(new ServiceCollection().AddLogging().AddInMemoryAuditLog().BuildServiceProvider().GetRequiredService<IAuditLog>());
        Assert.Single(new ServiceCollection().AddLogging().AddInMemoryAuditLog().BuildServiceProvider().GetServices<IHostedService>());
    }

    private PostgresAuditLog NewWriter(string applicationName)
    {
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = applicationName }.ConnectionString);
        var writer = new PostgresAuditLog(dataSource, Options.Create(new AuditOptions()), NullLogger<PostgresAuditLog>.Instance);
        // Disposed in reverse: the writer drains before its data source closes.
        resources.Insert(0, dataSource);
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

    private async Task<(int ExitCode, string Output)> RunVerifyCommandAsync(string tenant)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { BuildPaths.SiloAssembly, "audit", "verify", "--tenant", tenant })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Hosting__PostgresConnectionString"] = connectionString;
        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await standardOutput + await standardError);
    }
}
