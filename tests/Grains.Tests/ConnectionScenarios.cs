using Platform.Grains.Connections;
using Platform.Grains.Identity;

namespace Platform.Grains.Tests;

/// <summary>
/// Setup the connection tests share: tenants registered against the simulator's app, and users connected through a real
/// consent in the simulator.
/// </summary>
public sealed class ConnectionScenarios(ClusterFixture fixture)
{
    public const string ListSpaces = "wiki/api/v2/spaces?limit=1";
    public const string TenantSecret = SimulatorClient.InitialSecret;

    private SimulatorClient Simulator => fixture.Simulator;

    public static string NonceOf(string state)
    {
        Assert.True(ConnectState.TryParse(state, out _, out _, out var nonce));
        return nonce;
    }

    public IntegrationSettings Settings(IReadOnlyList<string> scopes, CredentialMode mode = CredentialMode.PerUserOAuth, string? serviceAccountEmail = null) =>
        new(SimulatorClient.ClientId, scopes, Simulator.CloudId, Simulator.SiteUrl, mode, serviceAccountEmail);

    public async Task<TenantId> NewTenantAsync(CredentialMode mode = CredentialMode.PerUserOAuth, string? serviceAccountEmail = null)
    {
        var tenant = UniqueIds.Tenant();
        var grain = fixture.Grains.GetTenantGrain(tenant);
        await grain.CreateAsync("Connections test");
        await grain.ConfigureIntegrationAsync(Settings(SimulatorClient.Scopes, mode, serviceAccountEmail));
        await grain.SetClientSecretAsync(TenantSecret);
        return tenant;
    }

    public async Task<ConnectOutcome> ConnectAsync(IUserConnectionGrain grain, string email)
    {
        var (code, state) = await Simulator.ConsentAsync(await grain.CreateConnectLinkAsync(), email);
        return await grain.CompleteConnectAsync(NonceOf(state), code);
    }

    /// <summary>A new tenant and a fresh Atlassian account, connected as <paramref name="user"/> (a new id when null).</summary>
    public async Task<(TenantId Tenant, IUserConnectionGrain Grain, (string Email, string AccountId, string ApiToken) Account)> ConnectedUserAsync(UserId? user = null)
    {
        var tenant = await NewTenantAsync();
        var account = await Simulator.CreateAccountAsync();
        var grain = fixture.Grains.GetUserConnectionGrain(tenant, user ?? UniqueIds.User());
        var outcome = await ConnectAsync(grain, account.Email);
        Assert.True(outcome.Succeeded, outcome.Message);
        return (tenant, grain, account);
    }
}
