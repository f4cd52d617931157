namespace Platform.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GovernancePolicyMatrixTests(ClusterFixture fixture)
{
    private readonly GovernanceScenarios scenarios = new(fixture);

    [Theory]
    [MemberData(nameof(PolicyMatrix.Cases), MemberType = typeof(PolicyMatrix))]
    public async Task A_tool_is_callable_only_when_approved_in_a_toolset_bound_to_an_enabled_user(PolicyCase cell)
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        var tool = fixture.Tools.Define(TestToolSource.UniqueName(), readOnly: true, "hash-1").Name;
        await governance.DiscoverToolsAsync();
        var user = await GovernanceScenarios.MemberAsync(governance);
        // The user's grain holds a policy before the changes, so what it holds afterwards arrived by push.
        await scenarios.PolicyHeldByAsync(tenant, user);

        await PolicyMatrix.ArrangeAsync(governance, cell, user, tool, async () =>
        {
            fixture.Tools.Define(tool, readOnly: true, "hash-2");
            await governance.DiscoverToolsAsync();
        });

        var computed = await governance.GetEffectivePolicyAsync(user);
        var held = await scenarios.PolicyHeldByAsync(tenant, user);
        Assert.Equal(cell.ExpectCallable, held.AllowedTools.ContainsKey(tool));
        Assert.Equal(cell.ExpectCallable ? [tool] : [], held.AllowedTools.Keys);
        Assert.Equal(cell.UserEnabled, held.UserEnabled);
        Assert.Equal(computed.AllowedTools, held.AllowedTools);
    }
}
