using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Grains.Identity;

namespace Platform.Audit.Tests;

/// <summary>
/// The audit log under the roles <c>Silo migrate</c> creates, attacked with the writer's own credentials: it can append,
/// and nothing else that would let it rewrite history, and what it can insert without the chain key is reported.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditDatabaseRolesTests(PostgresFixture postgres) : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private readonly AuditChain chain = AuditRecords.Chain("test-key");
    private PlatformDatabase database = null!;
    private AuditDatabase connections = null!;
    private PostgresAuditLog log = null!;

    public async Task InitializeAsync()
    {
        database = await postgres.CreateMigratedDatabaseWithRolesAsync();
        connections = new AuditDatabase(database.AuditWriter, database.AuditReader);
        log = new PostgresAuditLog(connections, chain, Options.Create(new AuditOptions()), NullLogger<PostgresAuditLog>.Instance);
        for (var i = 1; i <= 5; i++)
        {
            await log.AppendAsync(AuditRecords.ToolCall("acme", $"page-{i}"), CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await ((IAsyncDisposable)this).DisposeAsync();

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        // The writer drains before its connections close.
        await log.DisposeAsync();
        await connections.DisposeAsync();
    }

    [Fact]
    public async Task The_writer_and_reader_roles_run_the_log()
    {
        var page = await log.QueryAsync(new AuditQuery(Acme), CancellationToken.None);
        var verification = await log.VerifyAsync(Acme, CancellationToken.None);

        Assert.Equal(5, page.Entries.Count);
        Assert.True(verification.IsIntact, verification.ToString());
    }

    [Fact]
    public async Task The_writer_plans_each_statement_once_per_connection()
    {
        await using var connection = await connections.Writer.OpenConnectionAsync();
        await using var show = new NpgsqlCommand("SHOW plan_cache_mode", connection);

        Assert.Equal("force_generic_plan", await show.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2", "42501")]
    [InlineData("DELETE FROM audit_log WHERE seq = 5", "42501")]
    [InlineData("TRUNCATE audit_log", "42501")]
    [InlineData("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only", "42501")]
    [InlineData("ALTER TABLE audit_log DROP CONSTRAINT ck_audit_log_keyed", "42501")]
    [InlineData("SET session_replication_role = replica", "42501")]
    [InlineData("UPDATE audit_chain_heads SET last_seq = 1, last_hash = 'x' WHERE tenant = 'acme'", "P0001")]
    [InlineData("DELETE FROM audit_chain_heads", "42501")]
    [InlineData("INSERT INTO audit_chain_heads VALUES ('newco', 7, 'x')", "P0001")]
    [InlineData("CREATE TABLE shadow_log (id int)", "42501")]
    [InlineData("CREATE FUNCTION evil() RETURNS int LANGUAGE sql AS 'SELECT 1'", "42501")]
    [InlineData("SELECT count(*) FROM audit_log", "42501")]
    [InlineData("SELECT count(*) FROM orleansstorage", "42501")]
    [InlineData("INSERT INTO audit_log (tenant, seq, kind, occurred_at, actor, operation, decision, latency_ms, prev_hash, hash, chain_format) "
        + "VALUES ('acme', 6, 'ToolCall', now(), 'mallory', 'getPage', 'Allowed', 0, 'x', 'y', 1)", "23514")]
    public async Task The_writer_cannot_rewrite_hide_or_downgrade_the_log(string sql, string sqlState)
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database.AuditWriter, sql));

        Assert.Equal(sqlState, refused.SqlState);
        Assert.True((await log.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
    }

    [Theory]
    [InlineData("INSERT INTO audit_chain_heads VALUES ('newco', 0, '0000000000000000000000000000000000000000000000000000000000000000')")]
    [InlineData("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")]
    [InlineData("DELETE FROM audit_chain_heads")]
    [InlineData("SELECT count(*) FROM orleansmembershiptable")]
    public async Task The_reader_only_reads_the_audit_tables(string sql) =>
        Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database.AuditReader, sql))).SqlState);

    [Fact]
    public async Task The_orleans_role_reaches_the_orleans_tables_and_not_the_audit_log()
    {
        await ExecuteAsync(database.Orleans, "SELECT count(*) FROM orleansquery; SELECT count(*) FROM orleansstorage; SELECT count(*) FROM orleansremindersTable");

        Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database.Orleans, "SELECT count(*) FROM audit_log"))).SqlState);
        Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(database.Orleans, "INSERT INTO audit_chain_heads VALUES ('newco', 0, '0000000000000000000000000000000000000000000000000000000000000000')"))).SqlState);
    }

    [Fact]
    public async Task A_row_appended_with_the_writers_credentials_but_without_the_chain_key_is_reported()
    {
        var last = (await log.QueryAsync(new AuditQuery(Acme), CancellationToken.None)).Entries[^1];
        // The attacker knows the format, the key id and the head; not the key. The best they can do is a key of their own.
        var forged = AuditRecords.Chain(new AuditChainKeyOptions
        {
            Keys = { ["test-key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
            ActiveKeyId = "test-key",
        }).Link(new AuditChainHead(last.Sequence, last.Hash), AuditRecords.ToolCall("acme", "forged", user: "mallory"));

        await ExecuteAsync(database.AuditWriter, string.Create(CultureInfo.InvariantCulture, $"""
            BEGIN;
            SELECT last_seq FROM audit_chain_heads WHERE tenant = 'acme' FOR UPDATE;
            INSERT INTO audit_log (tenant, seq, kind, occurred_at, actor, operation, target, decision, latency_ms, prev_hash, hash, chain_format, chain_key_id)
            VALUES ('acme', {forged.Sequence}, 'ToolCall', '{forged.Record.OccurredAt.UtcDateTime:O}', 'mallory', 'getPage', 'forged', 'Allowed', 0,
                '{forged.PreviousHash}', '{forged.Hash}', 2, 'test-key');
            UPDATE audit_chain_heads SET last_seq = {forged.Sequence}, last_hash = '{forged.Hash}' WHERE tenant = 'acme';
            COMMIT;
            """));

        var verification = await log.VerifyAsync(Acme, CancellationToken.None);
        Assert.Equal(6, verification.FirstBrokenSequence);
        Assert.Contains("forged without the key", verification.Problem, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
