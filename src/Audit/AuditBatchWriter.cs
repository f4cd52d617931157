using Npgsql;

namespace Platform.Audit;

/// <summary>
/// Writes one batch of records as one transaction on the writer's own connection, chaining each tenant's rows onto its
/// head. The heads of the last batch are remembered: while no other writer moved them, a batch is one round trip of two
/// statements (lock the heads; insert guarded by "the heads are still what this writer last wrote" and move the heads)
/// in the implicit transaction the protocol's Sync commits, with no BEGIN and COMMIT statements to execute. When a head
/// moved (another silo wrote that tenant) or is not known, the guarded insert wrote nothing and the batch takes two
/// round trips in an explicit transaction: lock and read the heads, then insert, move and commit. Either way rows are
/// linked only to heads read under their row lock, so the chain never forks.
/// </summary>
internal sealed class AuditBatchWriter(NpgsqlDataSource dataSource, AuditChain chain) : IAsyncDisposable
{
    private readonly Dictionary<string, AuditChainHead> knownHeads = new(StringComparer.Ordinal);
    private NpgsqlConnection? connection;

    public async Task WriteAsync(IReadOnlyList<AuditRecord> records)
    {
        var tenants = records.Select(record => record.Tenant.Value).Distinct().Order(StringComparer.Ordinal).ToArray();
        try
        {
            connection ??= await dataSource.OpenConnectionAsync();
            if (!tenants.All(knownHeads.ContainsKey) || !await TryWriteOnKnownHeadsAsync(connection, records, tenants))
            {
                await WriteOnLockedHeadsAsync(connection, records, tenants);
            }
        }
        catch
        {
            // Whatever the server holds now is unknown: start the next batch from a fresh connection and fresh heads.
            knownHeads.Clear();
            await DropConnectionAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => DropConnectionAsync();

    private async Task<bool> TryWriteOnKnownHeadsAsync(NpgsqlConnection open, IReadOnlyList<AuditRecord> records, string[] tenants)
    {
        var (entries, heads) = Link(records, tenants, knownHeads);
        await using var batch = new NpgsqlBatch(open)
        {
            BatchCommands = { LockHeads(tenants), AuditRows.InsertOnHeads(entries, knownHeads, heads) },
        };
        var locked = await ReadHeadsAsync(batch);
        if (batch.BatchCommands[1].RecordsAffected == entries.Count)
        {
            Remember(heads);
            return true;
        }

        // Another writer moved a head: nothing was written; the heads just read are the ones to chain onto.
        Remember(locked);
        return false;
    }

    private async Task WriteOnLockedHeadsAsync(NpgsqlConnection open, IReadOnlyList<AuditRecord> records, string[] tenants)
    {
        await using var lockBatch = new NpgsqlBatch(open)
        {
            BatchCommands =
            {
                new("BEGIN"),
                // Created and locked in tenant order, so two writers sharing tenants cannot deadlock.
                new("INSERT INTO audit_chain_heads (tenant, last_seq, last_hash) SELECT t, 0, $1 FROM unnest($2::text[]) AS t ORDER BY t ON CONFLICT (tenant) DO NOTHING")
                {
                    Parameters = { new NpgsqlParameter<string> { TypedValue = AuditChain.GenesisHash }, new NpgsqlParameter<string[]> { TypedValue = tenants } },
                },
                LockHeads(tenants),
            },
        };
        var locked = await ReadHeadsAsync(lockBatch);
        var (entries, heads) = Link(records, tenants, locked);
        await using var commit = new NpgsqlBatch(open) { BatchCommands = { AuditRows.InsertOnHeads(entries, locked, heads), new("COMMIT") } };
        await commit.ExecuteNonQueryAsync();
        if (commit.BatchCommands[0].RecordsAffected != entries.Count)
        {
            throw new InvalidOperationException("A locked audit chain head moved: the batch was not written.");
        }

        Remember(heads);
    }

    private static NpgsqlBatchCommand LockHeads(string[] tenants) =>
        new("SELECT tenant, last_seq, last_hash FROM audit_chain_heads WHERE tenant = ANY($1) ORDER BY tenant FOR UPDATE")
        {
            Parameters = { new NpgsqlParameter<string[]> { TypedValue = tenants } },
        };

    private static async Task<Dictionary<string, AuditChainHead>> ReadHeadsAsync(NpgsqlBatch batch)
    {
        var heads = new Dictionary<string, AuditChainHead>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            heads[reader.GetString(0)] = new AuditChainHead(reader.GetInt64(1), reader.GetString(2));
        }

        return heads;
    }

    /// <summary>The records chained onto their tenants' heads in <paramref name="from"/>, and the heads they leave.</summary>
    private (List<AuditEntry> Entries, Dictionary<string, AuditChainHead> Heads) Link(
        IReadOnlyList<AuditRecord> records, string[] tenants, Dictionary<string, AuditChainHead> from)
    {
        var heads = tenants.ToDictionary(tenant => tenant, tenant => from[tenant], StringComparer.Ordinal);
        var entries = new List<AuditEntry>(records.Count);
        foreach (var record in records)
        {
            var entry = chain.Link(heads[record.Tenant.Value], record);
            heads[record.Tenant.Value] = new AuditChainHead(entry.Sequence, entry.Hash);
            entries.Add(entry);
        }

        return (entries, heads);
    }

    private void Remember(Dictionary<string, AuditChainHead> heads)
    {
        foreach (var (tenant, head) in heads)
        {
            knownHeads[tenant] = head;
        }
    }

    private async ValueTask DropConnectionAsync()
    {
        if (connection is null)
        {
            return;
        }

        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync();
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // The connection is broken; the server ends the transaction with it.
        }

        await connection.DisposeAsync();
        connection = null;
    }
}
