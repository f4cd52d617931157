using Platform.Grains.Identity;

namespace Platform.Grains.Governance;

/// <summary>
/// A tenant's tool governance: catalog and approvals, toolsets, access profiles, users and groups.
/// Key: <see cref="GrainKeys.ForTenant"/>.
/// </summary>
[Alias("Platform.ITenantGovernanceGrain")]
public interface ITenantGovernanceGrain : IGrainWithStringKey
{
    /// <summary>
    /// The user's effective policy; also registers the user's grain for pushed updates
    /// (<see cref="Connections.IUserConnectionGrain.ApplyPolicyAsync"/>) until it deactivates.
    /// </summary>
    [Alias("GetEffectivePolicy")]
    Task<EffectiveToolPolicy> GetEffectivePolicyAsync(UserId user);

    /// <summary>The user's grain deactivated: stop pushing to it.</summary>
    [Alias("UnregisterUser")]
    Task UnregisterUserAsync(UserId user);
}
