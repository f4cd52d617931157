using Platform.Grains.Governance;
using Platform.Grains.Tests;
using static Platform.Governance.Tests.GovernanceStates;

namespace Platform.Governance.Tests;

public sealed class PolicyCalculatorTests
{
    [Theory]
    [MemberData(nameof(PolicyMatrix.Cases), MemberType = typeof(PolicyMatrix))]
    public async Task A_tool_is_callable_only_when_approved_for_its_definition_in_a_toolset_bound_to_an_enabled_user(PolicyCase cell)
    {
        var state = Discovered();
        var user = AddUser(state);

        await PolicyMatrix.ArrangeAsync(new ChangesPolicyArrangement(state), cell, user, GetPage.Name, () =>
        {
            CatalogReconciler.Reconcile(state, [GetPage with { DefinitionHash = "get-page-2" }, CreatePage, Analytics], GrantedScopes);
            return Task.CompletedTask;
        });
        var policy = new PolicyCalculator(state).For(user.Value);

        Assert.Equal(cell.ExpectCallable ? [GetPage.Name] : [], policy.AllowedTools.Keys);
        Assert.Equal(cell.UserEnabled, policy.UserEnabled);
        Assert.Equal(cell.UserEnabled ? null : $"User '{user}' is disabled in this organisation; ask an admin.", policy.DenialReason(user));
        if (cell.ExpectCallable)
        {
            Assert.Equal(GetPage.DefinitionHash, policy.AllowedTools[GetPage.Name]);
        }
    }

    [Fact]
    public void Users_bound_to_the_same_toolsets_share_one_policy_and_others_get_their_own()
    {
        var state = Discovered();
        var (alice, bob, carol, dave) = (AddUser(state, "alice"), AddUser(state, "bob"), AddUser(state, "carol"), AddUser(state, "dave", enabled: false));
        var changes = new GovernanceChanges(state);
        foreach (var tool in Offered)
        {
            changes.DecideTool(tool.Name, ToolApproval.Approved);
        }

        changes.CreateProfile(new AccessProfile("everything", [Toolset.AllApproved], [alice.Value, bob.Value], []));
        changes.CreateProfile(new AccessProfile("reading", [Toolset.ReadOnlyApproved], [carol.Value], []));
        var calculator = new PolicyCalculator(state);

        Assert.Same(calculator.For(alice.Value), calculator.For(bob.Value));
        Assert.NotSame(calculator.For(alice.Value), calculator.For(carol.Value));
        Assert.True(calculator.For(alice.Value).AllowedTools.Count > calculator.For(carol.Value).AllowedTools.Count);
        Assert.Empty(calculator.For(dave.Value).AllowedTools);
        Assert.False(calculator.For(dave.Value).UserEnabled);
    }

    [Fact]
    public void An_approval_covers_only_the_definition_it_was_given_for()
    {
        var state = Discovered();
        var user = AddUser(state);
        var changes = new GovernanceChanges(state);
        changes.DecideTool(GetPage.Name, ToolApproval.Approved);
        changes.CreateProfile(new AccessProfile("everyone", [Toolset.AllApproved], [user.Value], []));
        var approved = new PolicyCalculator(state).For(user.Value);

        CatalogReconciler.Reconcile(state, [GetPage with { DefinitionHash = "get-page-2" }, CreatePage, Analytics], GrantedScopes);
        var redefined = new PolicyCalculator(state).For(user.Value);
        changes.DecideTool(GetPage.Name, ToolApproval.Approved);
        var reapproved = new PolicyCalculator(state).For(user.Value);

        Assert.Equal("get-page-1", approved.AllowedTools[GetPage.Name]);
        Assert.Empty(redefined.AllowedTools);
        Assert.Equal("get-page-2", reapproved.AllowedTools[GetPage.Name]);
    }

    [Fact]
    public void The_read_only_toolset_grants_approved_read_tools_whose_scopes_are_granted_and_nothing_else()
    {
        var state = Discovered();
        var user = AddUser(state);
        var changes = new GovernanceChanges(state);
        foreach (var tool in Offered)
        {
            changes.DecideTool(tool.Name, ToolApproval.Approved);
        }

        changes.CreateProfile(new AccessProfile("readers", [Toolset.ReadOnlyApproved], [user.Value], []));

        Assert.Equal([GetPage.Name], new PolicyCalculator(state).For(user.Value).AllowedTools.Keys);
        var builtIn = GovernanceViews.Toolsets(state).Where(t => t.BuiltIn).ToDictionary(t => t.Name, t => t.Tools);
        Assert.Equal([CreatePage.Name, GetPage.Name], builtIn[Toolset.AllApproved]);
        Assert.Equal([GetPage.Name], builtIn[Toolset.ReadOnlyApproved]);
    }

    [Theory]
    [InlineData(TenantAccess.NotActivated, "not activated")]
    [InlineData(TenantAccess.Suspended, "suspended")]
    [InlineData(TenantAccess.Deleted, "no longer exists")]
    public void A_tenant_that_is_not_active_grants_nothing_to_anyone(TenantAccess access, string reason)
    {
        var state = Discovered();
        var user = AddUser(state);
        new GovernanceChanges(state).DecideTool(GetPage.Name, ToolApproval.Approved);
        new GovernanceChanges(state).CreateProfile(new AccessProfile("everyone", [Toolset.AllApproved], [user.Value], []));
        state.TenantAccess = access;

        var policy = new PolicyCalculator(state).For(user.Value);

        Assert.Empty(policy.AllowedTools);
        Assert.Equal(access, policy.TenantAccess);
        Assert.Contains(reason, policy.DenialReason(user), StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_missing_from_the_directory_is_treated_as_disabled()
    {
        var state = Discovered();

        var policy = new PolicyCalculator(state).For("nobody");

        Assert.False(policy.UserEnabled);
        Assert.Empty(policy.AllowedTools);
    }

    [Fact]
    public void Each_users_policy_is_computed_once_per_version()
    {
        var state = Discovered();
        var user = AddUser(state);
        var calculator = new PolicyCalculator(state);

        Assert.Same(calculator.For(user.Value), calculator.For(user.Value));
        Assert.Equal(state.Version, calculator.For(user.Value).Version);
    }
}
