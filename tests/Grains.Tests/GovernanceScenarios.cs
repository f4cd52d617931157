using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Grains.Tests;

/// <summary>Setup the governance tests share: an activated tenant whose integration grants read and write page scopes.</summary>
public sealed class GovernanceScenarios(ClusterFixture fixture)
{
    public static readonly IReadOnlyList<string> GrantedScopes = [TestToolSource.GrantedReadScope, TestToolSource.GrantedWriteScope];

    public async Task<(TenantId Tenant, ITenantGovernanceGrain Governance)> ActiveTenantAsync()
    {
        var tenant = UniqueIds.Tenant();
        var grain = fixture.Grains.GetTenantGrain(tenant);
        await grain.CreateAsync("Governance test");
        await grain.ActivateAsync();
        await grain.ConfigureIntegrationAsync(new IntegrationSettings(
            SimulatorClient.ClientId, GrantedScopes, fixture.Simulator.CloudId, fixture.Simulator.SiteUrl, CredentialMode.PerUserOAuth, null));
        return (tenant, fixture.Grains.GetTenantGovernanceGrain(tenant));
    }

    public static async Task<UserId> MemberAsync(ITenantGovernanceGrain governance, DirectoryRole role = DirectoryRole.Member)
    {
        var user = UniqueIds.User();
        await governance.CreateUserAsync(new DirectoryUser(user, $"ext-{user}", $"{user}@example.com", true, role));
        return user;
    }

    /// <summary>The user's policy as their own grain holds it: what a tool call would check.</summary>
    public Task<EffectiveToolPolicy> PolicyHeldByAsync(TenantId tenant, UserId user) =>
        fixture.Grains.GetUserConnectionGrain(tenant, user).GetToolPolicyAsync();
}
