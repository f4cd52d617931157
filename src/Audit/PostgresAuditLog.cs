using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>
/// The audit log in PostgreSQL (tables of migrations 0004 and 0005). Appends go through one background writer that
/// commits whatever has queued up, up to <see cref="AuditOptions.MaxBatchSize"/> rows, in one transaction (group
/// commit) of two round trips, and releases every waiter of the batch only after COMMIT. Several processes may write the
/// same tenant: each batch locks its tenants' chain heads FOR UPDATE, so one tenant's rows are chained one batch at a
/// time. Appends use <see cref="AuditDatabase.Writer"/>; queries, export and verify <see cref="AuditDatabase.Reader"/>.
/// </summary>
public sealed partial class PostgresAuditLog : IAuditLog, IAsyncDisposable
{
    private const int ExportPageSize = AuditQuery.MaxLimit;

    private readonly AuditDatabase database;
    private readonly AuditChain chain;
    private readonly ILogger<PostgresAuditLog> logger;
    private readonly int maxBatchSize;
    private readonly Channel<PendingAppend> queue;
    private readonly Task writer;

    public PostgresAuditLog(AuditDatabase database, AuditChain chain, IOptions<AuditOptions> options, ILogger<PostgresAuditLog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.database = database;
        this.chain = chain;
        this.logger = logger;
        maxBatchSize = options.Value.MaxBatchSize;
        queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true });
        writer = Task.Run(WriteLoopAsync);
    }

    public async ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var pending = new PendingAppend(record);
        try
        {
            await queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(PostgresAuditLog), "The audit log is shutting down; the record was not written.");
        }

        // Cancelling stops the wait, not the write: a queued record is still committed.
        await pending.Committed.WaitAsync(cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Validate();
        await using var command = database.Reader.CreateCommand();
        var sql = new StringBuilder($"SELECT {AuditRows.Columns} FROM audit_log WHERE tenant = @tenant AND seq > @after");
        command.Parameters.AddWithValue("tenant", query.Tenant.Value);
        command.Parameters.AddWithValue("after", after);
        AddFilter(command, sql, "occurred_at >=", "from", query.From?.UtcDateTime);
        AddFilter(command, sql, "occurred_at <", "to", query.To?.UtcDateTime);
        AddFilter(command, sql, "actor =", "actor", query.Actor);
        AddFilter(command, sql, "operation =", "operation", query.Operation);
        AddFilter(command, sql, "decision =", "decision", query.Decision?.ToString());
        AddFilter(command, sql, "kind =", "kind", query.Kind?.ToString());
        AddFilter(command, sql, "credential =", "credential", query.Credential);
        // One row more than asked tells whether another page exists.
        sql.Append(" ORDER BY seq LIMIT @limit");
        command.Parameters.AddWithValue("limit", query.Limit + 1);
        command.CommandText = sql.ToString();

        var entries = new List<AuditEntry>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(AuditRows.Read(reader));
            }
        }

        if (entries.Count <= query.Limit)
        {
            return new AuditPage(entries, null);
        }

        entries.RemoveAt(entries.Count - 1);
        return new AuditPage(entries, AuditCursor.Encode(query.Tenant, entries[^1].Sequence));
    }

    public async IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query with { Limit = ExportPageSize };
        while (true)
        {
            var result = await QueryAsync(page, cancellationToken);
            foreach (var entry in result.Entries)
            {
                yield return entry;
            }

            if (result.NextCursor is null)
            {
                yield break;
            }

            page = page with { Cursor = result.NextCursor };
        }
    }

    public async Task<AuditVerification> VerifyAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var connection = await database.Reader.OpenConnectionAsync(cancellationToken);
        // One snapshot for head and rows, so appends committed meanwhile cannot look like tampering.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        AuditChainHead? head = null;
        await using (var headCommand = new NpgsqlCommand(
            "SELECT last_seq, last_hash FROM audit_chain_heads WHERE tenant = @tenant", connection, transaction))
        {
            headCommand.Parameters.AddWithValue("tenant", tenant.Value);
            await using var reader = await headCommand.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                head = new AuditChainHead(reader.GetInt64(0), reader.GetString(1));
            }
        }

        await using var rowsCommand = new NpgsqlCommand(
            $"SELECT {AuditRows.Columns} FROM audit_log WHERE tenant = @tenant ORDER BY seq", connection, transaction);
        rowsCommand.Parameters.AddWithValue("tenant", tenant.Value);
        await using var rows = await rowsCommand.ExecuteReaderAsync(cancellationToken);
        return await AuditVerifier.VerifyAsync(chain, tenant, ReadAllAsync(rows, cancellationToken), head, cancellationToken);
    }

    /// <summary>Stops taking appends, commits everything already queued, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(maxBatchSize);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < maxBatchSize && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        try
        {
            await WriteBatchAsync(batch);
            foreach (var pending in batch)
            {
                pending.MarkCommitted();
            }
        }
        catch (PostgresException exception) when (batch.Count > 1)
        {
            // The server refused the batch (a row it rejects, a lost lock race): retry row by row so one bad row fails alone.
            LogBatchRetried(logger, batch.Count, exception.SqlState);
            foreach (var pending in batch)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception exception)
        {
            LogBatchFailed(logger, exception, batch.Count);
            foreach (var pending in batch)
            {
                pending.MarkFailed(exception);
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingAppend> batch)
    {
        await using var connection = await database.Writer.OpenConnectionAsync();
        try
        {
            // Two round trips: lock and read the heads, then insert, move the heads and commit in one pipelined batch.
            var heads = await LockHeadsAsync(connection, batch);
            var entries = new List<AuditEntry>(batch.Count);
            foreach (var pending in batch)
            {
                var tenant = pending.Record.Tenant.Value;
                var entry = chain.Link(heads[tenant], pending.Record);
                heads[tenant] = new AuditChainHead(entry.Sequence, entry.Hash);
                entries.Add(entry);
            }

            await using var commit = new NpgsqlBatch(connection);
            commit.BatchCommands.Add(AuditRows.Insert(entries));
            commit.BatchCommands.Add(MoveHeads(heads));
            commit.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await commit.ExecuteNonQueryAsync();
        }
        catch when (connection.State == System.Data.ConnectionState.Open)
        {
            await RollBackQuietlyAsync(connection);
            throw;
        }
    }

    private static async Task<Dictionary<string, AuditChainHead>> LockHeadsAsync(NpgsqlConnection connection, List<PendingAppend> batch)
    {
        var tenants = batch.Select(p => p.Record.Tenant.Value).Distinct().Order(StringComparer.Ordinal).ToArray();
        // Created and locked in tenant order, so two writers sharing tenants cannot deadlock.
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN"),
                new NpgsqlBatchCommand(
                    "INSERT INTO audit_chain_heads (tenant, last_seq, last_hash) SELECT t, 0, $1 FROM unnest($2::text[]) AS t ORDER BY t ON CONFLICT (tenant) DO NOTHING")
                {
                    Parameters = { new NpgsqlParameter<string> { TypedValue = AuditChain.GenesisHash }, new NpgsqlParameter<string[]> { TypedValue = tenants } },
                },
                new NpgsqlBatchCommand("SELECT tenant, last_seq, last_hash FROM audit_chain_heads WHERE tenant = ANY($1) ORDER BY tenant FOR UPDATE")
                {
                    Parameters = { new NpgsqlParameter<string[]> { TypedValue = tenants } },
                },
            },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var heads = new Dictionary<string, AuditChainHead>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            heads[reader.GetString(0)] = new AuditChainHead(reader.GetInt64(1), reader.GetString(2));
        }

        return heads;
    }

    private static NpgsqlBatchCommand MoveHeads(Dictionary<string, AuditChainHead> heads) => new(
        """
        UPDATE audit_chain_heads AS h SET last_seq = v.seq, last_hash = v.hash
        FROM unnest($1::text[], $2::bigint[], $3::text[]) AS v(tenant, seq, hash)
        WHERE h.tenant = v.tenant AND h.last_seq < v.seq
        """)
    {
        Parameters =
        {
            new NpgsqlParameter<string[]> { TypedValue = [.. heads.Keys] },
            new NpgsqlParameter<long[]> { TypedValue = [.. heads.Values.Select(h => h.LastSequence)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. heads.Values.Select(h => h.LastHash)] },
        },
    };

    private static async Task RollBackQuietlyAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // The connection is broken; the server ends the transaction with it.
        }
    }

    private static void AddFilter<T>(NpgsqlCommand command, StringBuilder sql, string condition, string name, T? value)
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(condition).Append(" @").Append(name);
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static async IAsyncEnumerable<AuditEntry> ReadAllAsync(
        NpgsqlDataReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AuditRows.Read(reader);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused an audit batch of {Count} rows (SQLSTATE {SqlState}); retrying row by row")]
    private static partial void LogBatchRetried(ILogger logger, int count, string sqlState);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not commit {Count} audit rows; their callers are told the rows were not written")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
