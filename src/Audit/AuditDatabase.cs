using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Audit;

/// <summary>
/// The two connections of the PostgreSQL audit log, each under its own database role: the writer (append only) and the
/// reader (queries, export, verify). One pool each; the reader is the writer's pool when no reader is configured.
/// </summary>
public sealed class AuditDatabase : IAsyncDisposable
{
    public AuditDatabase(string writerConnectionString, string? readerConnectionString = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(writerConnectionString);
        var writer = new NpgsqlConnectionStringBuilder(writerConnectionString);
        if (writer.MaxAutoPrepare == 0)
        {
            // The writer runs the same few statements for ever: planned once per connection instead of per batch.
            writer.MaxAutoPrepare = 8;
        }

        // A prepared statement with parameters is otherwise planned again on each of its first executions, and for
        // good whenever the server judges a custom plan cheaper, which it does for the batch insert: planning was a
        // tenth of the writer backend's CPU. The writer's plans do not depend on the values, so one plan serves all.
        // When no reader is configured, queries share this pool, and so the setting.
        writer.Options = $"{writer.Options} -c plan_cache_mode=force_generic_plan".Trim();

        Writer = NpgsqlDataSource.Create(writer.ConnectionString);
        Reader = string.IsNullOrWhiteSpace(readerConnectionString) ? Writer : NpgsqlDataSource.Create(readerConnectionString);
    }

    public AuditDatabase(IOptions<AuditOptions> options)
        : this(
            options?.Value.WriterConnectionString
                ?? throw new OptionsValidationException(AuditOptions.Section, typeof(AuditOptions), ["Audit:WriterConnectionString is required for the PostgreSQL audit log."]),
            options.Value.ReaderConnectionString)
    {
    }

    public NpgsqlDataSource Writer { get; }

    public NpgsqlDataSource Reader { get; }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        if (!ReferenceEquals(Reader, Writer))
        {
            await Reader.DisposeAsync();
        }
    }
}
