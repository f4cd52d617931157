using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.RateLimits;
using Platform.Grains.Tools;

namespace Platform.Grains.Tests;

/// <summary>
/// Setup the connection tests share: active tenants registered against the simulator's app, where enrolled users may
/// call <see cref="TestToolSource.ListSpaces"/> without tripping a rate limit, and users connected through a real
/// consent in the simulator.
/// </summary>
public sealed class ConnectionScenarios(ClusterFixture fixture)
{
    public const string TenantSecret = SimulatorClient.InitialSecret;
    private const string Everyone = "everyone";

    /// <summary>Room for a thousand concurrent calls of one user, so tests meet only the limit they are about.</summary>
    private static readonly RateLimitSettings Unlimited = new(1_000_000, 100_000, 1_000_000, 100_000, 1_000_000, 100_000, 1_000);

    private SimulatorClient Simulator => fixture.Simulator;

    public static string NonceOf(string state)
    {
        Assert.True(ConnectState.TryParse(state, out _, out _, out var nonce));
        return nonce;
    }

    /// <summary>One call of a real tool that reads Confluence, as the MCP endpoint would make it.</summary>
    public static Task<ToolCallResult> ListSpacesAsync(IUserConnectionGrain grain) =>
        grain.CallToolAsync(new ToolCall(TestToolSource.ListSpaces, """{"limit":1}""", new McpClientInfo("grain-tests", "1")));

    public IntegrationSettings Settings(IReadOnlyList<string> scopes, CredentialMode mode = CredentialMode.PerUserOAuth, string? serviceAccountEmail = null) =>
        new(SimulatorClient.ClientId, scopes, Simulator.CloudId, Simulator.SiteUrl, mode, serviceAccountEmail);

    public async Task<TenantId> NewTenantAsync(CredentialMode mode = CredentialMode.PerUserOAuth, string? serviceAccountEmail = null)
    {
        var tenant = UniqueIds.Tenant();
        var grain = fixture.Grains.GetTenantGrain(tenant);
        await grain.CreateAsync("Connections test");
        await grain.ActivateAsync();
        await grain.ConfigureIntegrationAsync(Settings(SimulatorClient.Scopes, mode, serviceAccountEmail));
        await grain.SetClientSecretAsync(TenantSecret);
        var governance = fixture.Grains.GetTenantGovernanceGrain(tenant);
        await governance.DecideToolAsync(TestToolSource.ListSpaces, ToolApproval.Approved);
        await governance.CreateAccessProfileAsync(new AccessProfile(Everyone, [Toolset.AllApproved], [], []));
        var limits = fixture.Grains.GetTenantRateLimitGrain(tenant);
        await limits.SetCeilingsAsync(new RateLimitCeilings(1_000_000, 100_000, 1_000_000, 100_000, 1_000_000, 100_000, 1_000));
        await limits.SetSettingsAsync(Unlimited);
        return tenant;
    }

    /// <summary>
    /// Adds <paramref name="user"/> to the tenant's directory (with the email of the Atlassian account that is theirs,
    /// when given) and lets them call every approved tool.
    /// </summary>
    public async Task<IUserConnectionGrain> EnrolAsync(TenantId tenant, UserId user, string? email = null)
    {
        var governance = fixture.Grains.GetTenantGovernanceGrain(tenant);
        await governance.CreateUserAsync(new DirectoryUser(user, null, email, true, DirectoryRole.Member));
        var everyone = (await governance.GetAccessProfilesAsync()).Single(profile => profile.Name == Everyone);
        await governance.ReplaceAccessProfileAsync(everyone with { Users = [.. everyone.Users, user.Value] });
        return fixture.Grains.GetUserConnectionGrain(tenant, user);
    }

    /// <summary>The person with Atlassian account <paramref name="email"/> opens a link of <paramref name="grain"/> and consents.</summary>
    public async Task<ConnectOutcome> ConnectAsync(IUserConnectionGrain grain, string email)
    {
        var (code, state) = await Simulator.ConsentAsync(grain, await grain.CreateConnectLinkAsync(), email);
        return await grain.CompleteConnectAsync(NonceOf(state), code);
    }

    /// <summary>A new tenant and a fresh Atlassian account, connected as <paramref name="user"/> (a new id when null).</summary>
    public async Task<(TenantId Tenant, IUserConnectionGrain Grain, (string Email, string AccountId, string ApiToken) Account)> ConnectedUserAsync(UserId? user = null)
    {
        var tenant = await NewTenantAsync();
        var account = await Simulator.CreateAccountAsync();
        var grain = await EnrolAsync(tenant, user ?? UniqueIds.User(), account.Email);
        var outcome = await ConnectAsync(grain, account.Email);
        Assert.True(outcome.Succeeded, outcome.Message);
        return (tenant, grain, account);
    }
}
