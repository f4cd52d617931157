using System.Diagnostics;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Grains.Tests;

/// <summary>
/// Kill switches on the 2-silo cluster: the push is awaited, so by the time the admin's call returns the user's grain
/// (on the other silo from governance) already holds the new policy, well within the 1 second bound.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KillSwitchTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private readonly GovernanceScenarios scenarios = new(fixture);

    [Fact]
    public async Task Disabling_a_tool_tenant_wide_is_in_force_on_the_other_silo_when_the_call_returns()
    {
        var (tenant, governance, user) = await UserOnTheOtherSiloAsync();

        var elapsed = await TimeAsync(() => governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Disabled));

        Assert.DoesNotContain(TestToolSource.GetPage, (await scenarios.PolicyHeldByAsync(tenant, user)).AllowedTools.Keys);
        Assert.True(elapsed < Bound, $"took {elapsed}");
    }

    [Fact]
    public async Task Disabling_a_user_is_in_force_on_the_other_silo_when_the_call_returns()
    {
        var (tenant, governance, user) = await UserOnTheOtherSiloAsync();
        var entry = (await governance.GetUserAsync(user))!;

        var elapsed = await TimeAsync(() => governance.ReplaceUserAsync(entry with { Enabled = false }));

        var held = await scenarios.PolicyHeldByAsync(tenant, user);
        Assert.False(held.UserEnabled);
        Assert.Empty(held.AllowedTools);
        Assert.NotNull(held.DenialReason(user));
        Assert.True(elapsed < Bound, $"took {elapsed}");
    }

    [Fact]
    public async Task Suspending_the_tenant_is_in_force_on_the_other_silo_when_the_call_returns()
    {
        var (tenant, _, user) = await UserOnTheOtherSiloAsync();

        var elapsed = await TimeAsync(() => fixture.Grains.GetTenantGrain(tenant).SuspendAsync());

        var held = await scenarios.PolicyHeldByAsync(tenant, user);
        Assert.Equal(TenantAccess.Suspended, held.TenantAccess);
        Assert.Empty(held.AllowedTools);
        Assert.True(elapsed < Bound, $"took {elapsed}");
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> change)
    {
        var clock = Stopwatch.StartNew();
        await change();
        return clock.Elapsed;
    }

    /// <summary>A tenant granting get_page to a group, and a member whose grain is active on the silo governance is not on.</summary>
    private async Task<(TenantId Tenant, ITenantGovernanceGrain Governance, UserId User)> UserOnTheOtherSiloAsync()
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Approved);
        await governance.CreateGroupAsync(new DirectoryGroup("staff", []));
        await governance.CreateAccessProfileAsync(new AccessProfile("staff", [Toolset.AllApproved], [], ["staff"]));
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var governanceSilo = await management.GetActivationAddress((GrainReference)governance);
        var members = new List<string>();
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var user = await GovernanceScenarios.MemberAsync(governance);
            members.Add(user.Value);
            await governance.ReplaceGroupAsync(new DirectoryGroup("staff", members));
            var policy = await scenarios.PolicyHeldByAsync(tenant, user);
            var userSilo = await management.GetActivationAddress((GrainReference)fixture.Grains.GetUserConnectionGrain(tenant, user));
            if (userSilo is not null && !userSilo.Equals(governanceSilo))
            {
                Assert.Equal([TestToolSource.GetPage], policy.AllowedTools.Keys);
                return (tenant, governance, user);
            }
        }

        throw new InvalidOperationException("No user grain landed on the other silo in 40 tries.");
    }
}
