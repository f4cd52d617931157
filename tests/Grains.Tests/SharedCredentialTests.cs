using Platform.Grains.Connections;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;
using Platform.Grains.Tools;
using static Platform.Grains.Tests.ConnectionScenarios;

namespace Platform.Grains.Tests;

/// <summary>Tenants that use one identity for everyone: a service account's API token, or an admin's OAuth connection.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SharedCredentialTests(ClusterFixture fixture)
{
    private readonly ConnectionScenarios scenarios = new(fixture);

    private SimulatorClient Simulator => fixture.Simulator;

    [Fact]
    public async Task A_service_account_token_serves_every_user_over_basic_auth_and_users_cannot_connect_their_own()
    {
        var account = await Simulator.CreateAccountAsync();
        var tenant = await scenarios.NewTenantAsync(CredentialMode.SharedApiToken, account.Email);
        var view = (await fixture.Grains.GetTenantGrain(tenant).SetServiceAccountTokenAsync(account.ApiToken)).After!;
        var alice = await scenarios.EnrolAsync(tenant, UserId.Parse("alice"));
        var bob = await scenarios.EnrolAsync(tenant, UserId.Parse("bob"));

        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(alice)).Status);
        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(bob)).Status);
        Assert.StartsWith("sha256:", view.ApiTokenFingerprint, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() => alice.CreateConnectLinkAsync());

        await fixture.Grains.GetTenantGrain(tenant).SetServiceAccountTokenAsync("not-the-token");
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        var refused = await ListSpacesAsync(alice);
        Assert.Equal((ToolCallStatus.ToolError, 401), (refused.Status, refused.UpstreamStatus));
        Assert.Contains("service account", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shared_oauth_connection_serves_every_user_with_one_refresh_per_rotation()
    {
        var admin = await Simulator.CreateAccountAsync();
        var tenant = await scenarios.NewTenantAsync(CredentialMode.SharedOAuth, null);
        var shared = fixture.Grains.GetUserConnectionGrain(tenant, UserId.SharedConnection);
        var (code, state) = await Simulator.ConsentAsync(await shared.CreateConnectLinkAsync(), admin.Email);
        Assert.True(ConnectState.TryParse(state, out _, out var stateUser, out var nonce));
        Assert.True(stateUser.IsSharedConnection);
        Assert.True((await shared.CompleteConnectAsync(nonce, code)).Succeeded);
        var users = new List<IUserConnectionGrain>();
        foreach (var i in Enumerable.Range(0, 5))
        {
            users.Add(await scenarios.EnrolAsync(tenant, UserId.Parse($"user-{i}")));
        }

        await CallConcurrentlyAsync(users);
        fixture.Time.Advance(TimeSpan.FromHours(1));
        await CallConcurrentlyAsync(users);

        Assert.Equal(1, await Simulator.CounterAsync($"token.refresh_token.{admin.AccountId}"));
        await Assert.ThrowsAsync<ConflictException>(() => users[0].CreateConnectLinkAsync());
    }

    [Fact]
    public async Task Without_a_working_shared_connection_users_are_told_to_ask_an_admin_and_get_no_link()
    {
        var tenant = await scenarios.NewTenantAsync(CredentialMode.SharedOAuth, null);
        var user = await scenarios.EnrolAsync(tenant, UserId.Parse("carol"));

        var result = await ListSpacesAsync(user);

        Assert.Equal(ToolCallStatus.ConnectionRequired, result.Status);
        Assert.Null(result.ConnectLink);
        Assert.Contains("admin", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_drop_the_shared_token_within_seconds_when_an_admin_disconnects_the_shared_connection_or_changes_its_settings()
    {
        var admin = await Simulator.CreateAccountAsync();
        var tenant = await scenarios.NewTenantAsync(CredentialMode.SharedOAuth, null);
        var shared = fixture.Grains.GetUserConnectionGrain(tenant, UserId.SharedConnection);
        Assert.True((await scenarios.ConnectAsync(shared, admin.Email)).Succeeded);
        var user = await scenarios.EnrolAsync(tenant, UserId.Parse("dave"));
        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(user)).Status);

        // Atlassian would still accept the borrowed token for the rest of its hour; the gateway must not use it.
        await shared.DisconnectAsync();
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        var afterDisconnect = await ListSpacesAsync(user);

        Assert.True((await scenarios.ConnectAsync(shared, admin.Email)).Succeeded);
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        var afterReconnect = await ListSpacesAsync(user);

        await fixture.Grains.GetTenantGrain(tenant).ConfigureIntegrationAsync(
            scenarios.Settings([.. SimulatorClient.Scopes, "write:space:confluence"], CredentialMode.SharedOAuth));
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        var afterSettingsChange = await ListSpacesAsync(user);

        Assert.Equal(ToolCallStatus.ConnectionRequired, afterDisconnect.Status);
        Assert.Equal(ToolCallStatus.Succeeded, afterReconnect.Status);
        Assert.Equal(ToolCallStatus.ConnectionRequired, afterSettingsChange.Status);
        Assert.Contains("admin", afterSettingsChange.Text, StringComparison.Ordinal);
    }

    private static async Task CallConcurrentlyAsync(IReadOnlyList<IUserConnectionGrain> users)
    {
        var results = await Task.WhenAll(users.SelectMany(user => Enumerable.Range(0, 20).Select(_ => ListSpacesAsync(user))));
        Assert.All(results, result => Assert.Equal(ToolCallStatus.Succeeded, result.Status));
    }
}
