using Orleans.Core.Internal;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Grains.Tests;

/// <summary>
/// Issue 11, path 7: a kill switch cannot silently miss a user. A user grain re-reads its policy when the lease runs
/// out; an admin's change says how many users have not confirmed it; the users still owed a push are stored, so a new
/// activation of governance goes on pushing to them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PolicyLeaseTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Lease = new GovernanceOptions().PolicyLease;

    private readonly GovernanceScenarios scenarios = new(fixture);

    [Fact]
    public async Task A_user_grain_that_missed_a_kill_switch_re_reads_its_policy_when_the_lease_runs_out()
    {
        var (tenant, governance, user) = await GetPageGrantedToAsync();
        var grain = fixture.Grains.GetUserConnectionGrain(tenant, user);
        var held = await grain.GetToolPolicyAsync();
        // A policy governance never issued, numbered above anything it will push: every push now misses this grain.
        await grain.ApplyPolicyAsync(held with { Version = held.Version + 1_000 });

        await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Disabled);
        var withinLease = await grain.GetToolPolicyAsync();
        fixture.Time.Advance(Lease);
        var afterLease = await grain.GetToolPolicyAsync();

        Assert.Contains(TestToolSource.GetPage, withinLease.AllowedTools.Keys);
        Assert.DoesNotContain(TestToolSource.GetPage, afterLease.AllowedTools.Keys);
        Assert.Equal((await governance.GetEffectivePolicyAsync(user)).Version, afterLease.Version);
    }

    [Fact]
    public async Task A_change_says_how_many_users_did_not_confirm_and_a_new_governance_activation_keeps_pushing_to_them()
    {
        var (tenant, governance, user) = await GetPageGrantedToAsync();
        var grain = fixture.Grains.GetUserConnectionGrain(tenant, user);
        // The user's grain holds a policy (registered, as its first call would), then cannot be activated to take a push.
        await governance.GetEffectivePolicyAsync(user);
        fixture.Storage.FailReadsOf(grain.GetGrainId());

        var change = await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Disabled);
        var stored = fixture.Storage.StoredJson("governance-registrations", governance.GetGrainId());
        await governance.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        fixture.Storage.HealReadsOf(grain.GetGrainId());
        await governance.GetCatalogAsync();
        var retried = await EventuallyAsync(() => fixture.Storage.StoredJson("governance-registrations", governance.GetGrainId()).Contains("\"unconfirmed\":[]", StringComparison.Ordinal));

        Assert.Equal(1, change.UnconfirmedUsers);
        Assert.Contains($"\"unconfirmed\":[\"{user}\"]", stored, StringComparison.Ordinal);
        Assert.True(retried, fixture.Storage.StoredJson("governance-registrations", governance.GetGrainId()));
        Assert.DoesNotContain(TestToolSource.GetPage, (await grain.GetToolPolicyAsync()).AllowedTools.Keys);
        Assert.Equal(0, (await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Approved)).UnconfirmedUsers);
    }

    /// <summary>Advances the shared clock a retry period at a time (the retry timer may run on it) until <paramref name="condition"/> holds.</summary>
    private async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 50 && !condition(); attempt++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }

        return condition();
    }

    private async Task<(TenantId Tenant, ITenantGovernanceGrain Governance, UserId User)> GetPageGrantedToAsync()
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Approved);
        var user = await GovernanceScenarios.MemberAsync(governance);
        await governance.CreateAccessProfileAsync(new AccessProfile("staff", [Toolset.AllApproved], [user.Value], []));
        return (tenant, governance, user);
    }
}
