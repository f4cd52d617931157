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
/// commit, usually one round trip: see <see cref="AuditBatchWriter"/>), and releases every waiter of the batch only
/// after COMMIT. Several processes may write the same tenant: each batch locks its tenants' chain heads FOR UPDATE, so
/// one tenant's rows are chained one batch at a time. Appends use <see cref="AuditDatabase.Writer"/>; queries, export and verify <see cref="AuditDatabase.Reader"/>.
/// </summary>
public sealed partial class PostgresAuditLog : IAuditLog, IAsyncDisposable
{
    private const int ExportPageSize = AuditQuery.MaxLimit;

    private readonly AuditDatabase database;
    private readonly AuditChain chain;
    private readonly ILogger<PostgresAuditLog> logger;
    private readonly int maxBatchSize;
    private readonly Channel<PendingAppend> queue;
    private readonly AuditBatchWriter batchWriter;
    private readonly Task writer;

    public PostgresAuditLog(AuditDatabase database, AuditChain chain, IOptions<AuditOptions> options, ILogger<PostgresAuditLog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.database = database;
        this.chain = chain;
        this.logger = logger;
        maxBatchSize = options.Value.MaxBatchSize;
        batchWriter = new AuditBatchWriter(database.Writer, chain);
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

    public async Task<AuditSummary> SummarizeAsync(AuditSummaryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        const string Range = "FROM audit_log WHERE tenant = @tenant AND kind = 'ToolCall' AND occurred_at >= @from AND occurred_at < @to";
        await using var batch = database.Reader.CreateBatch();
        batch.BatchCommands.Add(Summary(
            $"SELECT date_trunc('hour', occurred_at, 'UTC'), decision, count(*) {Range} GROUP BY 1, 2 ORDER BY 1, 2", query));
        batch.BatchCommands.Add(Summary(
            $"SELECT operation, count(*) {Range} GROUP BY operation ORDER BY count(*) DESC, operation LIMIT {query.TopTools}", query));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var hours = new List<AuditHourCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // A decision name no release wrote is counted as nothing rather than failing the page.
            if (Enum.TryParse<AuditDecision>(reader.GetString(1), ignoreCase: false, out var decision))
            {
                hours.Add(new AuditHourCount(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), decision, reader.GetInt64(2)));
            }
        }

        await reader.NextResultAsync(cancellationToken);
        var tools = new List<AuditToolCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tools.Add(new AuditToolCount(reader.GetString(0), reader.GetInt64(1)));
        }

        return new AuditSummary(hours, tools);
    }

    private static NpgsqlBatchCommand Summary(string sql, AuditSummaryQuery query) => new(sql)
    {
        Parameters =
        {
            new NpgsqlParameter("tenant", query.Tenant.Value),
            new NpgsqlParameter("from", query.From.UtcDateTime),
            new NpgsqlParameter("to", query.To.UtcDateTime),
        },
    };

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
        await batchWriter.DisposeAsync();
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
            await batchWriter.WriteAsync([.. batch.Select(pending => pending.Record)]);
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
