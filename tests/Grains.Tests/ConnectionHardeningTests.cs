using Platform.Grains.Connections;
using Platform.Grains.Identity;
using Platform.Grains.Tools;
using static Platform.Grains.Tests.ConnectionScenarios;

namespace Platform.Grains.Tests;

/// <summary>The vault under admin mistakes, lost notifications, forwarded links and hostile paths.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConnectionHardeningTests(ClusterFixture fixture)
{
    private readonly ConnectionScenarios scenarios = new(fixture);

    private SimulatorClient Simulator => fixture.Simulator;

    [Fact]
    public async Task A_wrong_client_secret_fails_calls_clearly_but_keeps_every_users_tokens()
    {
        var (tenant, grain, account) = await scenarios.ConnectedUserAsync();
        await fixture.Grains.GetTenantGrain(tenant).SetClientSecretAsync("pasted-the-wrong-secret");
        fixture.Time.Advance(TimeSpan.FromHours(1));

        var refused = await ListSpacesAsync(grain);
        Assert.Equal(ToolCallStatus.ToolError, refused.Status);
        Assert.Contains("an admin must check", refused.Text, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Connected, (await grain.GetConnectionAsync()).Status);

        await fixture.Grains.GetTenantGrain(tenant).SetClientSecretAsync($"  {TenantSecret}\n");
        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(grain)).Status);
        Assert.Equal(1, await Simulator.CounterAsync($"token.refresh_token.{account.AccountId}"));
    }

    [Fact]
    public async Task A_user_the_scope_change_never_reached_is_still_sent_back_to_consent_on_the_next_call()
    {
        var (tenant, grain, _) = await scenarios.ConnectedUserAsync();
        var key = GrainKeys.ParseUser(grain.GetPrimaryKeyString());
        // Lose the tenant's record of this user, as a failed fan-out would.
        await fixture.Grains.GetTenantGrain(tenant).RecordConnectionAsync(key.User, connected: false);

        await fixture.Grains.GetTenantGrain(tenant).ConfigureIntegrationAsync(scenarios.Settings([.. SimulatorClient.Scopes, "write:space:confluence"]));
        Assert.Equal(ConnectionStatus.Connected, (await grain.GetConnectionAsync()).Status);
        fixture.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(ToolCallStatus.ConnectionRequired, (await ListSpacesAsync(grain)).Status);
        Assert.Equal(ConnectionStatus.NeedsReconnect, (await grain.GetConnectionAsync()).Status);
    }

    [Fact]
    public async Task A_refused_app_secret_during_connect_is_a_readable_outcome_not_an_error()
    {
        var tenant = await scenarios.NewTenantAsync();
        await fixture.Grains.GetTenantGrain(tenant).SetClientSecretAsync("not-the-apps-secret");
        var account = await Simulator.CreateAccountAsync();
        var grain = fixture.Grains.GetUserConnectionGrain(tenant, UserId.Parse($"user-{Guid.NewGuid():N}"));

        var (code, state) = await Simulator.ConsentAsync(grain, await grain.CreateConnectLinkAsync(), account.Email);
        var outcome = await grain.CompleteConnectAsync(NonceOf(state), code);

        Assert.False(outcome.Succeeded);
        Assert.Contains("app credentials", outcome.Message, StringComparison.Ordinal);
    }
}
