using Platform.Audit;
using Platform.Grains.Connections;
using static Platform.Grains.Tests.ConnectionScenarios;

namespace Platform.Grains.Tests;

/// <summary>What happens to a connection is in the tenant's audit log: connects, reconnects, refusals by Atlassian, refused connects (aggregated).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConnectionAuditTests(ClusterFixture fixture)
{
    private readonly ConnectionScenarios scenarios = new(fixture);

    private SimulatorClient Simulator => fixture.Simulator;

    [Fact]
    public async Task Connect_a_refresh_atlassian_refused_and_the_reconnect_each_leave_a_row_naming_the_account()
    {
        var user = UniqueIds.User();
        var (tenant, grain, account) = await scenarios.ConnectedUserAsync(user);
        await Simulator.RevokeGrantsAsync(account.AccountId);
        fixture.Time.Advance(TimeSpan.FromHours(1));
        var refused = await ListSpacesAsync(grain);
        var (code, state) = await Simulator.ConsentAsync(refused.ConnectLink!, account.Email);
        Assert.True((await grain.CompleteConnectAsync(NonceOf(state), code)).Succeeded);

        var rows = (await fixture.AuditAsync(tenant)).Where(row => row.Operation.StartsWith("connection.", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [("connection.connect", AuditDecision.Allowed), ("connection.refresh-failed", AuditDecision.Failed), ("connection.reconnect", AuditDecision.Allowed)],
            rows.Select(row => (row.Operation, row.Decision)));
        Assert.All(rows, row => Assert.Equal(user.Value, row.Target));
        Assert.Contains(account.AccountId, rows[0].AfterJson, StringComparison.Ordinal);
        Assert.Contains("NeedsReconnect", rows[1].AfterJson, StringComparison.Ordinal);
        Assert.Contains(account.AccountId, rows[2].AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_callbacks_are_refused_and_recorded_once_a_minute_with_how_many_there_were()
    {
        var tenant = await scenarios.NewTenantAsync();
        var grain = await scenarios.EnrolAsync(tenant, UniqueIds.User());

        var outcomes = new List<bool>();
        foreach (var attempt in Enumerable.Range(0, 5))
        {
            outcomes.Add((await grain.CompleteConnectAsync($"forged-{attempt}", "code")).Succeeded);
        }

        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        outcomes.Add((await grain.CompleteConnectAsync("forged-late", "code")).Succeeded);
        var rows = (await fixture.AuditAsync(tenant)).Where(row => row.Operation == "connection.connect").ToList();

        Assert.All(outcomes, Assert.False);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(AuditDecision.Denied, row.Decision));
        Assert.Contains("4 more refused connect(s)", rows[1].DecisionReason, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Never, (await grain.GetConnectionAsync()).Status);
    }
}
