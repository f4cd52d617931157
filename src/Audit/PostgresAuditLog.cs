using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>
/// The audit log in PostgreSQL (tables of migration 0004). Appends go through one background writer that commits
/// whatever has queued up, up to <see cref="AuditOptions.MaxBatchSize"/> rows, in one transaction (group commit), and
/// releases every waiter of the batch only after COMMIT. Several processes may write the same tenant: each batch locks
/// its tenants' chain heads FOR UPDATE, so one tenant's rows are chained one batch at a time.
/// </summary>
public sealed partial class PostgresAuditLog : IAuditLog, IAsyncDisposable
{
    private const string Columns =
        "tenant, seq, kind, occurred_at, actor, client_name, client_version, operation, target, arguments_digest, "
        + "arguments_preview, decision, decision_reason, upstream_status, latency_ms, upstream_latency_ms, before_json, after_json, prev_hash, hash";

    private const int ExportPageSize = AuditQuery.MaxLimit;

    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger<PostgresAuditLog> logger;
    private readonly int maxBatchSize;
    private readonly Channel<PendingAppend> queue;
    private readonly Task writer;

    public PostgresAuditLog(NpgsqlDataSource dataSource, IOptions<AuditOptions> options, ILogger<PostgresAuditLog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.dataSource = dataSource;
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
        await using var command = dataSource.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM audit_log WHERE tenant = @tenant AND seq > @after");
        command.Parameters.AddWithValue("tenant", query.Tenant.Value);
        command.Parameters.AddWithValue("after", after);
        AddFilter(command, sql, "occurred_at >=", "from", query.From?.UtcDateTime);
        AddFilter(command, sql, "occurred_at <", "to", query.To?.UtcDateTime);
        AddFilter(command, sql, "actor =", "actor", query.Actor);
        AddFilter(command, sql, "operation =", "operation", query.Operation);
        AddFilter(command, sql, "decision =", "decision", query.Decision?.ToString());
        AddFilter(command, sql, "kind =", "kind", query.Kind?.ToString());
        // One row more than asked tells whether another page exists.
        sql.Append(" ORDER BY seq LIMIT @limit");
        command.Parameters.AddWithValue("limit", query.Limit + 1);
        command.CommandText = sql.ToString();

        var entries = new List<AuditEntry>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(ReadEntry(reader));
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
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
            $"SELECT {Columns} FROM audit_log WHERE tenant = @tenant ORDER BY seq", connection, transaction);
        rowsCommand.Parameters.AddWithValue("tenant", tenant.Value);
        await using var rows = await rowsCommand.ExecuteReaderAsync(cancellationToken);
        return await AuditVerifier.VerifyAsync(tenant, ReadAllAsync(rows, cancellationToken), head, cancellationToken);
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
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var heads = await LockHeadsAsync(connection, transaction, batch);
        var entries = new List<AuditEntry>(batch.Count);
        foreach (var pending in batch)
        {
            var tenant = pending.Record.Tenant.Value;
            var entry = AuditChain.Link(heads[tenant], pending.Record);
            heads[tenant] = new AuditChainHead(entry.Sequence, entry.Hash);
            entries.Add(entry);
        }

        await CopyRowsAsync(connection, entries);
        await UpdateHeadsAsync(connection, transaction, heads);
        await transaction.CommitAsync();
    }

    private static async Task<Dictionary<string, AuditChainHead>> LockHeadsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingAppend> batch)
    {
        var tenants = batch.Select(p => p.Record.Tenant.Value).Distinct().ToArray();
        // Created and locked in tenant order, so two writers sharing tenants cannot deadlock.
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO audit_chain_heads (tenant, last_seq, last_hash)
            SELECT t, 0, @genesis FROM unnest(@tenants) AS t ORDER BY t
            ON CONFLICT (tenant) DO NOTHING;
            SELECT tenant, last_seq, last_hash FROM audit_chain_heads WHERE tenant = ANY(@tenants) ORDER BY tenant FOR UPDATE;
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("genesis", AuditChain.GenesisHash);
        command.Parameters.AddWithValue("tenants", tenants);
        await using var reader = await command.ExecuteReaderAsync();
        var heads = new Dictionary<string, AuditChainHead>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            heads[reader.GetString(0)] = new AuditChainHead(reader.GetInt64(1), reader.GetString(2));
        }

        return heads;
    }

    private static async Task CopyRowsAsync(NpgsqlConnection connection, List<AuditEntry> entries)
    {
        await using var import = await connection.BeginBinaryImportAsync($"COPY audit_log ({Columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var entry in entries)
        {
            var record = entry.Record;
            await import.StartRowAsync();
            await import.WriteAsync(record.Tenant.Value, NpgsqlDbType.Text);
            await import.WriteAsync(entry.Sequence, NpgsqlDbType.Bigint);
            await import.WriteAsync(record.Kind.ToString(), NpgsqlDbType.Text);
            await import.WriteAsync(record.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            await import.WriteAsync(record.Actor, NpgsqlDbType.Text);
            await WriteNullableAsync(import, record.ClientName);
            await WriteNullableAsync(import, record.ClientVersion);
            await import.WriteAsync(record.Operation, NpgsqlDbType.Text);
            await WriteNullableAsync(import, record.Target);
            await WriteNullableAsync(import, record.ArgumentsDigest);
            await WriteNullableAsync(import, record.ArgumentsPreview);
            await import.WriteAsync(record.Decision.ToString(), NpgsqlDbType.Text);
            await WriteNullableAsync(import, record.DecisionReason);
            await WriteNullableAsync(import, record.UpstreamStatus);
            await import.WriteAsync(record.LatencyMs, NpgsqlDbType.Integer);
            await WriteNullableAsync(import, record.UpstreamLatencyMs);
            await WriteNullableAsync(import, record.BeforeJson);
            await WriteNullableAsync(import, record.AfterJson);
            await import.WriteAsync(entry.PreviousHash, NpgsqlDbType.Text);
            await import.WriteAsync(entry.Hash, NpgsqlDbType.Text);
        }

        await import.CompleteAsync();
    }

    private static async Task UpdateHeadsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<string, AuditChainHead> heads)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE audit_chain_heads AS h SET last_seq = v.seq, last_hash = v.hash
            FROM unnest(@tenants, @seqs, @hashes) AS v(tenant, seq, hash)
            WHERE h.tenant = v.tenant AND h.last_seq < v.seq
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("tenants", heads.Keys.ToArray());
        command.Parameters.AddWithValue("seqs", heads.Values.Select(h => h.LastSequence).ToArray());
        command.Parameters.AddWithValue("hashes", heads.Values.Select(h => h.LastHash).ToArray());
        await command.ExecuteNonQueryAsync();
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value) =>
        value is null ? import.WriteNullAsync() : import.WriteAsync(value, NpgsqlDbType.Text);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter import, int? value) =>
        value is { } number ? import.WriteAsync(number, NpgsqlDbType.Integer) : import.WriteNullAsync();

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
            yield return ReadEntry(reader);
        }
    }

    private static AuditEntry ReadEntry(NpgsqlDataReader reader)
    {
        var record = new AuditRecord
        {
            Tenant = TenantId.Parse(reader.GetString(0)),
            Kind = ParseStoredName<AuditKind>(reader.GetString(2)),
            OccurredAt = reader.GetFieldValue<DateTimeOffset>(3),
            Actor = reader.GetString(4),
            ClientName = NullableString(reader, 5),
            ClientVersion = NullableString(reader, 6),
            Operation = reader.GetString(7),
            Target = NullableString(reader, 8),
            ArgumentsDigest = NullableString(reader, 9),
            ArgumentsPreview = NullableString(reader, 10),
            Decision = ParseStoredName<AuditDecision>(reader.GetString(11)),
            DecisionReason = NullableString(reader, 12),
            UpstreamStatus = reader.IsDBNull(13) ? null : reader.GetInt32(13),
            LatencyMs = reader.GetInt32(14),
            UpstreamLatencyMs = reader.IsDBNull(15) ? null : reader.GetInt32(15),
            BeforeJson = NullableString(reader, 16),
            AfterJson = NullableString(reader, 17),
        };
        return new AuditEntry(reader.GetInt64(1), record, reader.GetString(18), reader.GetString(19));
    }

    /// <summary>
    /// Only the exact stored name is accepted. Anything else (a number, another spelling, garbage) becomes an undefined
    /// value whose name differs from every written one, so the verifier reports the row as edited instead of failing.
    /// </summary>
    private static TEnum ParseStoredName<TEnum>(string stored)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(stored, ignoreCase: false, out var value) && value.ToString() == stored
            ? value
            : (TEnum)Enum.ToObject(typeof(TEnum), -1);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused an audit batch of {Count} rows (SQLSTATE {SqlState}); retrying row by row")]
    private static partial void LogBatchRetried(ILogger logger, int count, string sqlState);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not commit {Count} audit rows; their callers are told the rows were not written")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
