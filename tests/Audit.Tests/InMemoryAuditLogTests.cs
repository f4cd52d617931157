using Microsoft.Extensions.Options;

namespace Platform.Audit.Tests;

public sealed class InMemoryAuditLogTests : AuditLogBehaviour
{
    [Fact]
    public async Task Past_the_row_cap_the_oldest_rows_of_all_tenants_go_and_each_chain_verifies_from_its_oldest_kept_row()
    {
        var log = new InMemoryAuditLog(Chain, Options.Create(new InMemoryAuditOptions { MaxRows = 10 }));
        for (var i = 1; i <= 25; i++)
        {
            await log.AppendAsync(AuditRecords.ToolCall(i % 5 == 0 ? "globex" : "acme", $"row-{i}"), CancellationToken.None);
        }

        var acme = await log.QueryAsync(new AuditQuery(Acme) { Limit = 100 }, CancellationToken.None);
        var globex = await log.QueryAsync(new AuditQuery(Globex) { Limit = 100 }, CancellationToken.None);
        var acmeVerification = await log.VerifyAsync(Acme, CancellationToken.None);
        var globexVerification = await log.VerifyAsync(Globex, CancellationToken.None);

        // Rows 16..25 are the newest ten: acme's 16, 17, 18, 19, 21, 22, 23, 24 (seq 13..20) and globex's 20, 25 (seq 4, 5).
        Assert.Equal(Enumerable.Range(13, 8).Select(i => (long)i), acme.Entries.Select(e => e.Sequence));
        Assert.Equal([4L, 5L], globex.Entries.Select(e => e.Sequence));
        Assert.True(acmeVerification.IsIntact, acmeVerification.ToString());
        Assert.Equal((13L, 8L), (acmeVerification.FirstSequence, acmeVerification.RowsChecked));
        Assert.Contains("dropped by the in-memory log's cap", acmeVerification.ToString(), StringComparison.Ordinal);
        Assert.True(globexVerification.IsIntact, globexVerification.ToString());
    }

    [Fact]
    public async Task Past_the_byte_cap_old_rows_go_and_a_chain_with_none_kept_still_verifies_and_continues()
    {
        var log = new InMemoryAuditLog(Chain, Options.Create(new InMemoryAuditOptions { MaxBytes = 8 * 1024 }));
        for (var i = 1; i <= 40; i++)
        {
            await log.AppendAsync(AuditRecords.ToolCall("globex", $"row-{i}", argumentsJson: $$"""{"body":"{{new string('x', 400)}}"}"""), CancellationToken.None);
        }

        await log.AppendAsync(AuditRecords.ToolCall("acme", "page-1", argumentsJson: $$"""{"body":"{{new string('x', 400)}}"}"""), CancellationToken.None);
        for (var i = 41; i <= 80; i++)
        {
            await log.AppendAsync(AuditRecords.ToolCall("globex", $"row-{i}", argumentsJson: $$"""{"body":"{{new string('x', 400)}}"}"""), CancellationToken.None);
        }

        var globex = await log.QueryAsync(new AuditQuery(Globex) { Limit = 100 }, CancellationToken.None);
        Assert.InRange(globex.Entries.Count, 2, 10);
        Assert.Equal(80, globex.Entries[^1].Sequence);
        Assert.Empty((await log.QueryAsync(new AuditQuery(Acme), CancellationToken.None)).Entries);
        Assert.True((await log.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
        await log.AppendAsync(AuditRecords.ToolCall("acme", "page-2"), CancellationToken.None);
        var acme = Assert.Single((await log.QueryAsync(new AuditQuery(Acme), CancellationToken.None)).Entries);
        Assert.Equal(2, acme.Sequence);
        Assert.True((await log.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
    }

    protected override Task<IAuditLog> CreateLogAsync() =>
        Task.FromResult<IAuditLog>(new InMemoryAuditLog(Chain, Options.Create(new InMemoryAuditOptions())));
}
