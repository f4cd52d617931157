using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Api.Admin;
using Platform.Audit;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Mcp.Tests;

/// <summary>An admin change is never applied without its audit row: the request's row is written first, the outcome's after.</summary>
public sealed class AdminAuditTrailTests
{
    private static readonly TenantId Tenant = TenantId.Parse("acme");

    [Fact]
    public async Task When_the_audit_log_refuses_the_request_row_the_change_is_not_made()
    {
        var trail = Trail(new FailingSink());
        var made = false;

        await Assert.ThrowsAsync<IOException>(() => trail.ApplyAsync(AdminActor.Operator, Tenant, "user.disable", "bob", () =>
        {
            made = true;
            return Task.FromResult(new Change<string>("enabled", "disabled"));
        }));

        Assert.False(made);
    }

    [Fact]
    public async Task The_request_row_is_written_before_the_change_and_the_outcome_after_it()
    {
        var sink = new RecordingSink();
        var trail = Trail(sink);
        var rowsWhenMade = -1;

        await trail.ApplyAsync(AdminActor.Operator, Tenant, "user.disable", "bob", () =>
        {
            rowsWhenMade = sink.Rows.Count;
            return Task.FromResult(new Change<string>("enabled", "disabled"));
        });

        Assert.Equal(1, rowsWhenMade);
        Assert.Collection(sink.Rows,
            requested => Assert.Equal(("user.disable.requested", "bob", (JsonNode?)null), (requested.Action, requested.Target, requested.After)),
            outcome =>
            {
                Assert.Equal(("user.disable", AuditDecision.Allowed), (outcome.Action, outcome.Decision));
                Assert.Equal("disabled", outcome.After!.GetValue<string>());
            });
    }

    [Fact]
    public async Task A_refused_change_records_why_and_a_failed_one_that_its_outcome_is_unknown()
    {
        var sink = new RecordingSink();
        var trail = Trail(sink);

        await Assert.ThrowsAsync<NotFoundException>(() => trail.ApplyAsync<string>(AdminActor.Operator, Tenant, "user.disable", "ghost",
            () => throw new NotFoundException("There is no user 'ghost'.")));
        await Assert.ThrowsAsync<TimeoutException>(() => trail.ApplyAsync<string>(AdminActor.Operator, Tenant, "user.enable", "bob",
            () => throw new TimeoutException()));

        Assert.Equal(
            [("user.disable.requested", AuditDecision.Allowed), ("user.disable", AuditDecision.Denied), ("user.enable.requested", AuditDecision.Allowed), ("user.enable", AuditDecision.Failed)],
            sink.Rows.Select(row => (row.Action, row.Decision)));
        Assert.Equal("There is no user 'ghost'.", sink.Rows[1].Reason);
        Assert.Contains("may or may not have been applied", sink.Rows[3].Reason, StringComparison.Ordinal);
    }

    private static AdminAuditTrail Trail(IAdminAuditSink sink) => new(sink, TimeProvider.System, Options.Create(new JsonOptions()));

    /// <summary>The audit store is down: every append fails.</summary>
    private sealed class FailingSink : IAdminAuditSink
    {
        public Task RecordAsync(AdminAuditEvent change, CancellationToken cancellationToken) => throw new IOException("The audit database is unreachable.");
    }

    private sealed class RecordingSink : IAdminAuditSink
    {
        public List<AdminAuditEvent> Rows { get; } = [];

        public Task RecordAsync(AdminAuditEvent change, CancellationToken cancellationToken)
        {
            Rows.Add(change);
            return Task.CompletedTask;
        }
    }
}
