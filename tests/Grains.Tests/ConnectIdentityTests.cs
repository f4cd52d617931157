using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Tools;

namespace Platform.Grains.Tests;

/// <summary>
/// Issue 11, path 2: a connect link binds only the account the tenant's directory holds for its user (by Atlassian
/// account id, else by email), whoever opens it; where the directory holds neither, the tenant's setting decides.
/// Each attack is a real consent at the simulator by another person's Atlassian account on the tenant's site.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConnectIdentityTests(ClusterFixture fixture)
{
    private readonly ConnectionScenarios scenarios = new(fixture);

    private SimulatorClient Simulator => fixture.Simulator;

    [Fact]
    public async Task A_user_who_sends_their_own_link_to_a_colleague_with_wider_rights_gets_nothing_bound()
    {
        var tenant = await scenarios.NewTenantAsync();
        var (alice, colleague) = (await Simulator.CreateAccountAsync(), await Simulator.CreateAccountAsync());
        var grain = await scenarios.EnrolAsync(tenant, UniqueIds.User(), alice.Email);

        // Alice opens her link no further than the gateway's page and forwards it; the colleague consents with their account.
        var forwarded = await scenarios.ConnectAsync(grain, colleague.Email);

        Assert.False(forwarded.Succeeded);
        Assert.Contains("not theirs", forwarded.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(alice.Email, forwarded.Message, StringComparison.OrdinalIgnoreCase);
        var connection = await grain.GetConnectionAsync();
        Assert.Equal((ConnectionStatus.Never, null), (connection.Status, connection.AccountId));
        Assert.Equal(ToolCallStatus.ConnectionRequired, (await ConnectionScenarios.ListSpacesAsync(grain)).Status);

        // Her own account connects as ever.
        Assert.True((await scenarios.ConnectAsync(grain, alice.Email)).Succeeded);
        Assert.Equal(alice.AccountId, (await grain.GetConnectionAsync()).AccountId);
    }

    [Fact]
    public async Task A_leaked_link_opened_by_someone_else_binds_nothing_and_is_spent()
    {
        var tenant = await scenarios.NewTenantAsync();
        var (victim, leaker) = (await Simulator.CreateAccountAsync(), await Simulator.CreateAccountAsync());
        var grain = await scenarios.EnrolAsync(tenant, UniqueIds.User(), victim.Email);
        var leaked = await grain.CreateConnectLinkAsync();

        var (code, state) = await Simulator.ConsentAsync(grain, leaked, leaker.Email);
        var outcome = await grain.CompleteConnectAsync(ConnectionScenarios.NonceOf(state), code);
        var replay = await grain.CompleteConnectAsync(ConnectionScenarios.NonceOf(state), code);

        Assert.False(outcome.Succeeded);
        Assert.False(replay.Succeeded);
        Assert.Contains("not valid", replay.Message, StringComparison.Ordinal);
        Assert.Null(await grain.DescribeConnectLinkAsync(ConnectionScenarios.NonceOf(state)));
        Assert.Equal(ConnectionStatus.Never, (await grain.GetConnectionAsync()).Status);
        Assert.Null((await fixture.Grains.GetTenantGovernanceGrain(tenant).GetUserAsync(GrainKeys.ParseUser(grain.GetPrimaryKeyString()).User))!.AtlassianAccountId);
    }

    [Fact]
    public async Task The_atlassian_account_id_the_directory_holds_decides_whatever_the_emails_say()
    {
        var tenant = await scenarios.NewTenantAsync();
        var (owner, other) = (await Simulator.CreateAccountAsync(), await Simulator.CreateAccountAsync());
        var user = UniqueIds.User();
        var governance = fixture.Grains.GetTenantGovernanceGrain(tenant);
        var grain = await scenarios.EnrolAsync(tenant, user, other.Email);
        var entry = (await governance.GetUserAsync(user))!;
        // The directory's email is the other account's (a typo, a shared mailbox): the account id wins.
        await governance.ReplaceUserAsync(entry with { AtlassianAccountId = owner.AccountId });

        var byEmail = await scenarios.ConnectAsync(grain, other.Email);
        var byId = await scenarios.ConnectAsync(grain, owner.Email);

        Assert.False(byEmail.Succeeded);
        Assert.True(byId.Succeeded, byId.Message);
        Assert.Equal(owner.AccountId, (await grain.GetConnectionAsync()).AccountId);
    }

    [Fact]
    public async Task Where_the_directory_holds_neither_the_tenant_refuses_by_default_or_binds_the_first_account_if_it_says_so()
    {
        var tenant = await scenarios.NewTenantAsync();
        var (first, second) = (await Simulator.CreateAccountAsync(), await Simulator.CreateAccountAsync());
        var user = UniqueIds.User();
        var governance = fixture.Grains.GetTenantGovernanceGrain(tenant);
        var grain = await scenarios.EnrolAsync(tenant, user);

        var refused = await scenarios.ConnectAsync(grain, first.Email);
        var settings = await governance.SetSecuritySettingsAsync(TenantSecuritySettings.Default with { UnmatchedAccounts = UnmatchedAccountPolicy.BindOnFirstConnect });
        var bound = await scenarios.ConnectAsync(grain, first.Email);
        var boundTo = (await governance.GetUserAsync(user))!.AtlassianAccountId;
        var intruder = await scenarios.ConnectAsync(grain, second.Email);
        var again = await scenarios.ConnectAsync(grain, first.Email);

        Assert.Equal((TenantSecuritySettings.Default, UnmatchedAccountPolicy.BindOnFirstConnect), (settings.Before, settings.After!.UnmatchedAccounts));
        Assert.False(refused.Succeeded);
        Assert.Contains("holds neither an email address nor an Atlassian account id", refused.Message, StringComparison.Ordinal);
        Assert.True(bound.Succeeded, bound.Message);
        Assert.Equal(first.AccountId, boundTo);
        Assert.False(intruder.Succeeded);
        Assert.True(again.Succeeded, again.Message);
        Assert.Equal(first.AccountId, (await grain.GetConnectionAsync()).AccountId);
    }

    [Fact]
    public async Task A_user_missing_from_the_directory_or_disabled_connects_nothing()
    {
        var tenant = await scenarios.NewTenantAsync();
        var account = await Simulator.CreateAccountAsync();
        var stranger = fixture.Grains.GetUserConnectionGrain(tenant, UserId.Parse(account.Email));
        var disabledUser = UniqueIds.User();
        var disabled = await scenarios.EnrolAsync(tenant, disabledUser, account.Email);
        await fixture.Grains.GetTenantGovernanceGrain(tenant).SetUserEnabledAsync(disabledUser, enabled: false);

        var notInDirectory = await scenarios.ConnectAsync(stranger, account.Email);
        var whileDisabled = await scenarios.ConnectAsync(disabled, account.Email);

        Assert.Contains("is not in this organisation's directory", notInDirectory.Message, StringComparison.Ordinal);
        Assert.Contains("is disabled", whileDisabled.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Never, (await stranger.GetConnectionAsync()).Status);
        Assert.Equal(ConnectionStatus.Never, (await disabled.GetConnectionAsync()).Status);
    }
}
