using System.Text.Json;

namespace Platform.Audit;

/// <summary>Export format: one JSON object per audit row and line, camelCase, enums by name, nulls omitted.</summary>
public static class AuditJsonLines
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static async Task<long> WriteAsync(IAsyncEnumerable<AuditEntry> entries, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(output);
        var count = 0L;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            await using (var json = new Utf8JsonWriter(output))
            {
                WriteEntry(json, entry);
            }

            await output.WriteAsync(NewLine, cancellationToken);
            count++;
        }

        await output.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>One row as a JSON object: the shape of both the export and the query API's entries.</summary>
    public static void WriteEntry(Utf8JsonWriter json, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(entry);
        var record = entry.Record;
        json.WriteStartObject();
        json.WriteString("tenant", record.Tenant.Value);
        json.WriteNumber("seq", entry.Sequence);
        json.WriteString("kind", record.Kind.ToString());
        json.WriteString("occurredAt", record.OccurredAt);
        json.WriteString("actor", record.Actor);
        WriteOptional(json, "clientName", record.ClientName);
        WriteOptional(json, "clientVersion", record.ClientVersion);
        json.WriteString("operation", record.Operation);
        WriteOptional(json, "target", record.Target);
        WriteOptional(json, "argumentsDigest", record.ArgumentsDigest);
        WriteOptional(json, "argumentsPreview", record.ArgumentsPreview);
        json.WriteString("decision", record.Decision.ToString());
        WriteOptional(json, "decisionReason", record.DecisionReason);
        if (record.UpstreamStatus is { } status)
        {
            json.WriteNumber("upstreamStatus", status);
        }

        json.WriteNumber("latencyMs", record.LatencyMs);
        if (record.UpstreamLatencyMs is { } upstreamLatency)
        {
            json.WriteNumber("upstreamLatencyMs", upstreamLatency);
        }

        WriteOptional(json, "before", record.BeforeJson);
        WriteOptional(json, "after", record.AfterJson);
        WriteOptional(json, "credential", record.Credential);
        WriteOptional(json, "credentialIssuer", record.CredentialIssuer);
        json.WriteString("prevHash", entry.PreviousHash);
        json.WriteString("hash", entry.Hash);
        json.WriteNumber("chainFormat", entry.Format);
        WriteOptional(json, "chainKeyId", entry.KeyId);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
