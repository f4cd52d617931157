using Npgsql;
using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>How audit rows map to the <c>audit_log</c> columns: the guarded multi-row INSERT and reading a row back.</summary>
internal static class AuditRows
{
    public const string Columns =
        "tenant, seq, kind, occurred_at, actor, client_name, client_version, operation, target, arguments_digest, "
        + "arguments_preview, decision, decision_reason, upstream_status, latency_ms, upstream_latency_ms, before_json, after_json, prev_hash, hash, "
        + "chain_format, chain_key_id, credential, credential_issuer";

    // One statement for the whole batch, a column array each, so its plan is the same for any batch size. Rows and heads
    // are written only if every head is still what the rows were chained onto ($25..$27), all or nothing.
    private const string InsertOnHeadsSql =
        $"""
        WITH expected AS (SELECT * FROM unnest($25::text[], $26::bigint[], $27::text[]) AS e(tenant, seq, hash)),
        unchanged AS (
            SELECT NOT EXISTS (
                SELECT 1 FROM expected e LEFT JOIN audit_chain_heads h ON h.tenant = e.tenant
                WHERE h.tenant IS NULL OR h.last_seq <> e.seq OR h.last_hash <> e.hash) AS holds),
        moved AS (
            UPDATE audit_chain_heads AS h SET last_seq = v.seq, last_hash = v.hash
            FROM unnest($28::text[], $29::bigint[], $30::text[]) AS v(tenant, seq, hash), unchanged
            WHERE unchanged.holds AND h.tenant = v.tenant)
        INSERT INTO audit_log ({Columns})
        SELECT r.* FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[],
            $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::integer[], $15::integer[], $16::integer[], $17::text[],
            $18::text[], $19::text[], $20::text[], $21::smallint[], $22::text[], $23::text[], $24::text[]) AS r, unchanged
        WHERE unchanged.holds
        """;

    /// <summary>Inserts <paramref name="entries"/> and moves the heads from <paramref name="before"/> to <paramref name="after"/>, if they still hold.</summary>
    public static NpgsqlBatchCommand InsertOnHeads(
        List<AuditEntry> entries, Dictionary<string, AuditChainHead> before, Dictionary<string, AuditChainHead> after)
    {
        var command = new NpgsqlBatchCommand(InsertOnHeadsSql)
        {
            Parameters =
            {
                Column(entries, e => e.Record.Tenant.Value),
                Column(entries, e => e.Sequence),
                Column(entries, e => e.Record.Kind.ToString()),
                Column(entries, e => e.Record.OccurredAt.UtcDateTime),
                Column(entries, e => e.Record.Actor),
                Column(entries, e => e.Record.ClientName),
                Column(entries, e => e.Record.ClientVersion),
                Column(entries, e => e.Record.Operation),
                Column(entries, e => e.Record.Target),
                Column(entries, e => e.Record.ArgumentsDigest),
                Column(entries, e => e.Record.ArgumentsPreview),
                Column(entries, e => e.Record.Decision.ToString()),
                Column(entries, e => e.Record.DecisionReason),
                Column(entries, e => e.Record.UpstreamStatus),
                Column(entries, e => (int?)e.Record.LatencyMs),
                Column(entries, e => e.Record.UpstreamLatencyMs),
                Column(entries, e => e.Record.BeforeJson),
                Column(entries, e => e.Record.AfterJson),
                Column(entries, e => e.PreviousHash),
                Column(entries, e => e.Hash),
                Column(entries, e => (short)e.Format),
                Column(entries, e => e.KeyId),
                Column(entries, e => e.Record.Credential),
                Column(entries, e => e.Record.CredentialIssuer),
            },
        };
        var moved = after.Where(head => before[head.Key] != head.Value).ToList();
        var expected = moved.Select(head => KeyValuePair.Create(head.Key, before[head.Key])).ToList();
        AddHeads(command, expected);
        AddHeads(command, moved);
        return command;
    }

    private static void AddHeads(NpgsqlBatchCommand command, List<KeyValuePair<string, AuditChainHead>> heads)
    {
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. heads.Select(h => h.Key)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. heads.Select(h => h.Value.LastSequence)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. heads.Select(h => h.Value.LastHash)] });
    }

    public static AuditEntry Read(NpgsqlDataReader reader)
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
            Credential = NullableString(reader, 22),
            CredentialIssuer = NullableString(reader, 23),
        };
        return new AuditEntry(reader.GetInt64(1), record, reader.GetString(18), reader.GetString(19), reader.GetInt16(20), NullableString(reader, 21));
    }

    private static NpgsqlParameter<T[]> Column<T>(List<AuditEntry> entries, Func<AuditEntry, T> value)
    {
        var column = new T[entries.Count];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = value(entries[i]);
        }

        return new NpgsqlParameter<T[]> { TypedValue = column };
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
}
