using System.Text;
using System.Text.Json;
using Platform.Grains.Identity;
using Platform.Grains.Tools;

namespace Platform.Audit.Tests;

/// <summary>What every <see cref="IAuditLog"/> must do, run against each implementation by a derived class.</summary>
public abstract class AuditLogBehaviour : IAsyncLifetime
{
    protected static readonly TenantId Acme = TenantId.Parse("acme");
    protected static readonly TenantId Globex = TenantId.Parse("globex");

    protected IAuditLog Log { get; private set; } = null!;

    protected AuditLogBehaviour() => Chain = AuditRecords.Chain(ChainKeys);

    /// <summary>The keys of <see cref="Chain"/>.</summary>
    protected AuditChainKeyOptions ChainKeys { get; } = AuditRecords.Keys("test-key");

    /// <summary>The chain the log under test links and verifies with.</summary>
    protected AuditChain Chain { get; }

    public async Task InitializeAsync() => Log = await CreateLogAsync();

    public virtual async Task DisposeAsync()
    {
        if (Log is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>A new, empty log of the implementation under test.</summary>
    protected abstract Task<IAuditLog> CreateLogAsync();

    [Fact]
    public async Task Concurrent_appends_produce_exactly_one_row_each_numbered_without_gaps()
    {
        const int Count = 1000;

        await Task.WhenAll(Enumerable.Range(0, Count).Select(i =>
            Task.Run(() => Log.AppendAsync(AuditRecords.ToolCall("acme", $"page-{i}"), CancellationToken.None).AsTask())));

        var rows = await ExportAllAsync(Acme);
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long)i), rows.Select(r => r.Sequence));
        Assert.Equal(Count, rows.Select(r => r.Record.Target).Distinct().Count());
        var verification = await Log.VerifyAsync(Acme, CancellationToken.None);
        Assert.True(verification.IsIntact, verification.ToString());
        Assert.Equal(Count, verification.RowsChecked);
    }

    [Fact]
    public async Task A_read_back_row_carries_everything_that_was_appended()
    {
        var record = AuditRecords.ToolCall("acme", "page-1", decision: AuditDecision.RateLimited, occurredAt: AuditRecords.Start.AddTicks(12_345_678));
        await Log.AppendAsync(record, CancellationToken.None);

        var entry = Assert.Single((await Log.QueryAsync(new AuditQuery(Acme), CancellationToken.None)).Entries);

        Assert.Equal(record, entry.Record);
        Assert.Equal(AuditChain.GenesisHash, entry.PreviousHash);
        Assert.Equal((AuditChain.KeyedFormat, "test-key"), (entry.Format, entry.KeyId));
        Assert.Null(Chain.FindForgery(entry));
        Assert.NotNull(AuditRecords.Chain("test-key").FindForgery(entry));
    }

    [Fact]
    public async Task Admin_actions_keep_before_and_after_with_secrets_redacted()
    {
        await Log.AppendAsync(
            AuditRecord.ForAdminAction(
                Acme,
                AuditRecord.OperatorActor,
                "integration.update",
                "acme",
                """{"clientId":"app-1","clientSecret":"old-secret-value"}""",
                """{"clientId":"app-2","clientSecret":"new-secret-value"}""",
                AuditRecords.Start),
            CancellationToken.None);

        var entry = Assert.Single((await Log.QueryAsync(new AuditQuery(Acme) { Kind = AuditKind.AdminAction }, CancellationToken.None)).Entries);

        Assert.Equal("""{"clientId":"app-1","clientSecret":"[redacted]"}""", entry.Record.BeforeJson);
        Assert.Equal("""{"clientId":"app-2","clientSecret":"[redacted]"}""", entry.Record.AfterJson);
        Assert.Equal(AuditRecord.OperatorActor, entry.Record.Actor);
    }

    [Fact]
    public async Task A_token_argument_never_reaches_the_stored_preview()
    {
        await Log.AppendAsync(
            AuditRecords.ToolCall("acme", "page-1", argumentsJson: """{"pageId":"42","token":"tok-123-secret","nested":{"api_key":"k-999"}}"""),
            CancellationToken.None);

        var entry = Assert.Single((await Log.QueryAsync(new AuditQuery(Acme), CancellationToken.None)).Entries);

        Assert.DoesNotContain("tok-123-secret", entry.Record.ArgumentsPreview, StringComparison.Ordinal);
        Assert.DoesNotContain("k-999", entry.Record.ArgumentsPreview, StringComparison.Ordinal);
        Assert.Contains("\"pageId\":\"42\"", entry.Record.ArgumentsPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_select_exactly_the_matching_rows_of_the_tenant()
    {
        var seeded = await SeedMixedAsync();
        var acme = seeded.Where(r => r.Tenant == Acme).ToList();
        var from = AuditRecords.Start.AddMinutes(10);
        var to = AuditRecords.Start.AddMinutes(20);

        await AssertMatchesAsync(new AuditQuery(Acme) { Actor = "bob" }, acme.Where(r => r.Actor == "bob"));
        await AssertMatchesAsync(new AuditQuery(Acme) { Operation = "search" }, acme.Where(r => r.Operation == "search"));
        await AssertMatchesAsync(new AuditQuery(Acme) { Decision = AuditDecision.Denied }, acme.Where(r => r.Decision == AuditDecision.Denied));
        await AssertMatchesAsync(new AuditQuery(Acme) { From = from, To = to }, acme.Where(r => r.OccurredAt >= from && r.OccurredAt < to));
        await AssertMatchesAsync(
            new AuditQuery(Acme) { Actor = "carol", Operation = "getPage", Decision = AuditDecision.Allowed, From = from },
            acme.Where(r => r.Actor == "carol" && r.Operation == "getPage" && r.Decision == AuditDecision.Allowed && r.OccurredAt >= from));
    }

    [Fact]
    public async Task Paging_with_the_cursor_returns_every_row_once_in_order_and_only_of_the_tenant()
    {
        var seeded = await SeedMixedAsync();

        var pages = 0;
        var seen = new List<AuditEntry>();
        var query = new AuditQuery(Acme) { Limit = 7, Actor = "bob" };
        while (true)
        {
            var page = await Log.QueryAsync(query, CancellationToken.None);
            pages++;
            Assert.True(page.Entries.Count <= 7);
            seen.AddRange(page.Entries);
            if (page.NextCursor is null)
            {
                break;
            }

            query = query with { Cursor = page.NextCursor };
        }

        var expected = seeded.Where(r => r.Tenant == Acme && r.Actor == "bob").Select(r => r.Target).ToList();
        Assert.Equal(expected, seen.Select(e => e.Record.Target));
        Assert.All(seen, e => Assert.Equal(Acme, e.Record.Tenant));
        Assert.Equal(seen.Select(e => e.Sequence).Order(), seen.Select(e => e.Sequence));
        Assert.Equal((expected.Count + 6) / 7, pages);
    }

    [Fact]
    public async Task Another_tenant_never_appears_and_its_cursor_is_refused()
    {
        await SeedMixedAsync();

        var globexPage = await Log.QueryAsync(new AuditQuery(Globex) { Limit = 3 }, CancellationToken.None);
        var acmeRows = await ExportAllAsync(Acme);

        Assert.All(acmeRows, e => Assert.Equal(Acme, e.Record.Tenant));
        Assert.DoesNotContain(acmeRows, e => e.Record.Target!.StartsWith("globex", StringComparison.Ordinal));
        Assert.NotNull(globexPage.NextCursor);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Log.QueryAsync(new AuditQuery(Acme) { Cursor = globexPage.NextCursor }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Log.QueryAsync(new AuditQuery(Acme) { Cursor = "not-a-cursor" }, CancellationToken.None));
    }

    [Fact]
    public async Task Each_tenant_has_its_own_chain()
    {
        await SeedMixedAsync();

        Assert.True((await Log.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
        Assert.True((await Log.VerifyAsync(Globex, CancellationToken.None)).IsIntact);
        Assert.Equal(1, (await Log.QueryAsync(new AuditQuery(Globex), CancellationToken.None)).Entries[0].Sequence);
        var empty = await Log.VerifyAsync(TenantId.Parse("initech"), CancellationToken.None);
        Assert.True(empty.IsIntact);
        Assert.Equal(0, empty.RowsChecked);
    }

    [Fact]
    public async Task Export_writes_one_json_object_per_line_for_every_matching_row()
    {
        var seeded = await SeedMixedAsync();
        using var output = new MemoryStream();

        var written = await AuditJsonLines.WriteAsync(
            Log.ExportAsync(new AuditQuery(Acme) { Decision = AuditDecision.Allowed }, CancellationToken.None), output, CancellationToken.None);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = seeded.Where(r => r.Tenant == Acme && r.Decision == AuditDecision.Allowed).ToList();
        Assert.Equal(expected.Count, written);
        Assert.Equal(expected.Count, lines.Length);
        var targets = lines.Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal("acme", json.RootElement.GetProperty("tenant").GetString());
            Assert.Equal("Allowed", json.RootElement.GetProperty("decision").GetString());
            Assert.Equal(64, json.RootElement.GetProperty("hash").GetString()!.Length);
            return json.RootElement.GetProperty("target").GetString();
        });
        Assert.Equal(expected.Select(r => r.Target), targets);
    }

    [Fact]
    public async Task Hostile_text_in_every_field_is_appended_bounded_and_clean_and_the_chain_verifies()
    {
        var hostile = HostileText.Mebibyte();
        var call = new ToolCall(hostile, $$"""{"pageId":"{{hostile}}","token":"{{hostile}}"}""", new McpClientInfo(hostile, hostile), hostile, hostile);
        var toolCall = AuditRecord.ForToolCall(
            Acme, UserId.Parse("alice"), call, AuditDecision.Failed, hostile, 500, TimeSpan.FromSeconds(1), null, AuditRecords.Start, hostile);
        var adminAction = AuditRecord.ForAdminAction(
            Acme, hostile, hostile, hostile, $$"""{"name":"{{hostile}}"}""", "\u0000 not json \u0000" + hostile, AuditRecords.Start, AuditDecision.Denied, hostile, hostile, hostile);
        var notJson = AuditRecords.ToolCall("acme", "page-1", argumentsJson: "{\"pageId\":\"4\u00002\"" + hostile);

        foreach (var record in new[] { toolCall, adminAction, notJson })
        {
            await Log.AppendAsync(record, CancellationToken.None);
        }

        var rows = await ExportAllAsync(Acme);
        Assert.Equal(3, rows.Count);
        foreach (var stored in rows.Select(row => row.Record))
        {
            HostileText.AssertStorable(stored.Actor, AuditRecord.MaxActorChars);
            HostileText.AssertStorable(stored.ClientName, AuditRecord.MaxClientChars);
            HostileText.AssertStorable(stored.ClientVersion, AuditRecord.MaxClientChars);
            HostileText.AssertStorable(stored.Operation, AuditRecord.MaxOperationChars);
            HostileText.AssertStorable(stored.Target, AuditRecord.MaxTargetChars);
            HostileText.AssertStorable(stored.ArgumentsDigest, 64);
            HostileText.AssertStorable(stored.ArgumentsPreview, AuditArguments.PreviewMaxChars);
            HostileText.AssertStorable(stored.DecisionReason, AuditRecord.MaxReasonChars);
            HostileText.AssertStorable(stored.BeforeJson, AuditArguments.SnapshotMaxChars);
            HostileText.AssertStorable(stored.AfterJson, AuditArguments.SnapshotMaxChars);
            HostileText.AssertStorable(stored.Credential, AuditRecord.MaxCredentialChars);
            HostileText.AssertStorable(stored.CredentialIssuer, AuditRecord.MaxCredentialChars);
        }

        Assert.Equal([toolCall, adminAction, notJson], rows.Select(row => row.Record));
        // Cut to the bound, one character less where the cut would split a surrogate pair.
        Assert.InRange(rows[0].Record.ClientName!.Length, AuditRecord.MaxClientChars - 1, AuditRecord.MaxClientChars);
        Assert.InRange(rows[0].Record.DecisionReason!.Length, AuditRecord.MaxReasonChars - 1, AuditRecord.MaxReasonChars);
        var verification = await Log.VerifyAsync(Acme, CancellationToken.None);
        Assert.True(verification.IsIntact, verification.ToString());
    }

    [Fact]
    public async Task The_credential_is_stored_with_its_issuer_and_filters_the_rows()
    {
        await Log.AppendAsync(AuditRecords.ToolCall("acme", "page-1", credential: "api-key:k1"), CancellationToken.None);
        await Log.AppendAsync(AuditRecords.ToolCall("acme", "page-2", credential: "oauth:client-9"), CancellationToken.None);
        await Log.AppendAsync(
            AuditRecord.ForToolCall(Acme, UserId.Parse("bob"), new ToolCall("getPage", "{}", McpClientInfo.Unknown, "api-key:k2", CredentialIssuer: "alice"),
                AuditDecision.Allowed, null, 200, TimeSpan.Zero, null, AuditRecords.Start, "page-3"),
            CancellationToken.None);
        await Log.AppendAsync(AuditRecords.ToolCall("acme", "page-4"), CancellationToken.None);

        var byKey = await Log.QueryAsync(new AuditQuery(Acme) { Credential = "api-key:k2" }, CancellationToken.None);

        var entry = Assert.Single(byKey.Entries);
        Assert.Equal(("page-3", "api-key:k2", "alice"), (entry.Record.Target, entry.Record.Credential, entry.Record.CredentialIssuer));
        Assert.Equal(["page-2"], (await Log.QueryAsync(new AuditQuery(Acme) { Credential = "oauth:client-9" }, CancellationToken.None)).Entries.Select(e => e.Record.Target));
        Assert.True((await Log.VerifyAsync(Acme, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task A_summary_counts_the_tenants_tool_calls_per_hour_and_decision_and_ranks_its_tools()
    {
        var hour = AuditRecords.Start;
        AuditRecord[] records =
        [
            AuditRecords.ToolCall("acme", "1", tool: "getPage", occurredAt: hour.AddMinutes(5)),
            AuditRecords.ToolCall("acme", "2", tool: "getPage", occurredAt: hour.AddMinutes(59)),
            AuditRecords.ToolCall("acme", "3", tool: "search", decision: AuditDecision.Denied, occurredAt: hour.AddMinutes(10)),
            AuditRecords.ToolCall("acme", "4", tool: "getPage", decision: AuditDecision.RateLimited, occurredAt: hour.AddHours(2)),
            // Outside the range, another tenant, an admin action: none of them counts.
            AuditRecords.ToolCall("acme", "5", tool: "search", occurredAt: hour.AddHours(-1)),
            AuditRecords.ToolCall("acme", "6", tool: "search", occurredAt: hour.AddHours(3)),
            AuditRecords.ToolCall("globex", "7", tool: "search", occurredAt: hour.AddMinutes(1)),
            AuditRecord.ForAdminAction(Acme, AuditRecord.OperatorActor, "tool.approve", "search", null, null, hour.AddMinutes(2)),
        ];
        foreach (var record in records)
        {
            await Log.AppendAsync(record, CancellationToken.None);
        }

        var summary = await Log.SummarizeAsync(new AuditSummaryQuery(Acme, hour, hour.AddHours(3)), CancellationToken.None);

        Assert.Equal(
            [new AuditHourCount(hour, AuditDecision.Allowed, 2), new AuditHourCount(hour, AuditDecision.Denied, 1), new AuditHourCount(hour.AddHours(2), AuditDecision.RateLimited, 1)],
            summary.Hours);
        Assert.Equal([new AuditToolCount("getPage", 3), new AuditToolCount("search", 1)], summary.TopTools);
        Assert.Equal((4, 1), (summary.Total, summary.Count(AuditDecision.Denied)));
        await Assert.ThrowsAsync<ArgumentException>(() => Log.SummarizeAsync(new AuditSummaryQuery(Acme, hour, hour.AddDays(40)), CancellationToken.None));
    }

    [Fact]
    public async Task A_limit_outside_1_to_1000_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.QueryAsync(new AuditQuery(Acme) { Limit = 0 }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.QueryAsync(new AuditQuery(Acme) { Limit = 1001 }, CancellationToken.None));
    }

    protected async Task<List<AuditEntry>> ExportAllAsync(TenantId tenant)
    {
        var rows = new List<AuditEntry>();
        await foreach (var entry in Log.ExportAsync(new AuditQuery(tenant), CancellationToken.None))
        {
            rows.Add(entry);
        }

        return rows;
    }

    /// <summary>120 acme and 40 globex rows, appended in order, over 40 minutes, cycling users, tools and decisions.</summary>
    private async Task<List<AuditRecord>> SeedMixedAsync()
    {
        string[] users = ["alice", "bob", "carol"];
        string[] tools = ["getPage", "search", "createPage", "getSpaces"];
        AuditDecision[] decisions = [AuditDecision.Allowed, AuditDecision.Allowed, AuditDecision.Denied, AuditDecision.RateLimited, AuditDecision.Failed];
        var records = new List<AuditRecord>();
        for (var i = 0; i < 160; i++)
        {
            var tenant = i % 4 == 3 ? "globex" : "acme";
            var record = AuditRecords.ToolCall(
                tenant, $"{tenant}-{i}", users[i % 3], tools[i % 4], decisions[i % 5], AuditRecords.Start.AddSeconds(15 * i));
            await Log.AppendAsync(record, CancellationToken.None);
            records.Add(record);
        }

        return records;
    }

    private async Task AssertMatchesAsync(AuditQuery query, IEnumerable<AuditRecord> expected)
    {
        var page = await Log.QueryAsync(query with { Limit = AuditQuery.MaxLimit }, CancellationToken.None);
        var expectedTargets = expected.Select(r => r.Target).ToList();
        Assert.NotEmpty(expectedTargets);
        Assert.Equal(expectedTargets, page.Entries.Select(e => e.Record.Target));
        Assert.Null(page.NextCursor);
    }
}
