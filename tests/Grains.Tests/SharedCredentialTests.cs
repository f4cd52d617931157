using Platform.Grains.Connections;
using Platform.Grains.Identity;
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
        var alice = fixture.Grains.GetUserConnectionGrain(tenant, UserId.Parse("alice"));
        var bob = fixture.Grains.GetUserConnectionGrain(tenant, UserId.Parse("bob"));

        Assert.Equal(200, (await alice.SendAsync(new ConfluenceRequest("GET", ListSpaces))).StatusCode);
        Assert.Equal(200, (await bob.SendAsync(new ConfluenceRequest("GET", ListSpaces))).StatusCode);
        Assert.StartsWith("sha256:", view.ApiTokenFingerprint, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => alice.CreateConnectLinkAsync());

        await fixture.Grains.GetTenantGrain(tenant).SetServiceAccountTokenAsync("not-the-token");
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(401, (await alice.SendAsync(new ConfluenceRequest("GET", ListSpaces))).StatusCode);
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
        var users = Enumerable.Range(0, 5).Select(i => fixture.Grains.GetUserConnectionGrain(tenant, UserId.Parse($"user-{i}"))).ToList();

        await CallConcurrentlyAsync(users);
        fixture.Time.Advance(TimeSpan.FromHours(1));
        await CallConcurrentlyAsync(users);

        Assert.Equal(1, await Simulator.CounterAsync($"token.refresh_token.{admin.AccountId}"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => users[0].CreateConnectLinkAsync());
    }

    [Fact]
    public async Task Without_a_working_shared_connection_users_are_told_to_ask_an_admin_and_get_no_link()
    {
        var tenant = await scenarios.NewTenantAsync(CredentialMode.SharedOAuth, null);
        var user = fixture.Grains.GetUserConnectionGrain(tenant, UserId.Parse("carol"));

        var error = await Assert.ThrowsAsync<ConnectionRequiredException>(() => user.SendAsync(new ConfluenceRequest("GET", ListSpaces)));

        Assert.Null(error.ConnectLink);
        Assert.Contains("admin", error.Message, StringComparison.Ordinal);
    }

    private static async Task CallConcurrentlyAsync(IReadOnlyList<IUserConnectionGrain> users)
    {
        var responses = await Task.WhenAll(users.SelectMany(user =>
            Enumerable.Range(0, 20).Select(_ => user.SendAsync(new ConfluenceRequest("GET", ListSpaces)))));
        Assert.All(responses, response => Assert.Equal(200, response.StatusCode));
    }
}
