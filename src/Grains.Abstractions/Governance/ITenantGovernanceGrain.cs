using Orleans.Concurrency;
using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;

namespace Platform.Grains.Governance;

/// <summary>
/// A tenant's tool governance: catalog and approvals, toolsets, access profiles, users and groups, users' API keys.
/// Every change is stored, then each registered user's effective policy is computed once and pushed before the call
/// returns. Refusals: <see cref="ArgumentException"/> invalid, <see cref="KeyNotFoundException"/> unknown,
/// <see cref="InvalidOperationException"/> conflicting (duplicate names, a built-in toolset, no integration yet).
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

    /// <summary>
    /// The user's grain deactivated: stop pushing to it. Interleaves, so a deactivating user grain never waits behind
    /// a push that is waiting for it.
    /// </summary>
    [Alias("UnregisterUser"), AlwaysInterleave]
    Task UnregisterUserAsync(UserId user);

    /// <summary>The tenant's lifecycle changed (<see cref="Tenants.ITenantGrain"/> tells it): applies to every user at once.</summary>
    [Alias("SetTenantAccess")]
    Task SetTenantAccessAsync(TenantAccess access);

    /// <summary>
    /// Fills the catalog from the platform's tools and the integration's granted scopes. New tools start as the default
    /// classification says; a changed approved tool returns to <see cref="ToolApproval.PendingReReview"/>; other states stay.
    /// </summary>
    [Alias("DiscoverTools")]
    Task<IReadOnlyList<CatalogTool>> DiscoverToolsAsync();

    [Alias("GetCatalog")]
    Task<IReadOnlyList<CatalogTool>> GetCatalogAsync();

    /// <summary>Approve (for the current definition), reject or disable a tool tenant-wide.</summary>
    [Alias("DecideTool")]
    Task<CatalogTool> DecideToolAsync(string tool, ToolApproval decision);

    [Alias("GetDefaultClassification")]
    Task<DefaultToolClassification> GetDefaultClassificationAsync();

    /// <summary>Applies to tools discovered from now on; existing tools keep their state.</summary>
    [Alias("SetDefaultClassification")]
    Task<DefaultToolClassification> SetDefaultClassificationAsync(DefaultToolClassification classification);

    /// <summary>Custom toolsets and the two built-in ones, with their current members.</summary>
    [Alias("GetToolsets")]
    Task<IReadOnlyList<Toolset>> GetToolsetsAsync();

    [Alias("CreateToolset")]
    Task<Toolset> CreateToolsetAsync(string name, IReadOnlyList<string> tools);

    [Alias("ReplaceToolset")]
    Task<Toolset> ReplaceToolsetAsync(string name, IReadOnlyList<string> tools);

    /// <summary>Refused while an access profile binds the toolset.</summary>
    [Alias("DeleteToolset")]
    Task DeleteToolsetAsync(string name);

    [Alias("GetAccessProfiles")]
    Task<IReadOnlyList<AccessProfile>> GetAccessProfilesAsync();

    [Alias("CreateAccessProfile")]
    Task<AccessProfile> CreateAccessProfileAsync(AccessProfile profile);

    [Alias("ReplaceAccessProfile")]
    Task<AccessProfile> ReplaceAccessProfileAsync(AccessProfile profile);

    [Alias("DeleteAccessProfile")]
    Task DeleteAccessProfileAsync(string name);

    [Alias("GetUsers")]
    Task<IReadOnlyList<DirectoryUser>> GetUsersAsync();

    /// <summary>The user, or null when the directory has no such user.</summary>
    [Alias("GetUser")]
    Task<DirectoryUser?> GetUserAsync(UserId user);

    [Alias("CreateUser")]
    Task<DirectoryUser> CreateUserAsync(DirectoryUser user);

    /// <summary>Replaces external id, email, role and enabled; disabling is the per-user kill switch.</summary>
    [Alias("ReplaceUser")]
    Task<DirectoryUser> ReplaceUserAsync(DirectoryUser user);

    /// <summary>Revokes the user's API keys and removes them from groups and profiles.</summary>
    [Alias("DeleteUser")]
    Task DeleteUserAsync(UserId user);

    [Alias("GetGroups")]
    Task<IReadOnlyList<DirectoryGroup>> GetGroupsAsync();

    [Alias("CreateGroup")]
    Task<DirectoryGroup> CreateGroupAsync(DirectoryGroup group);

    [Alias("ReplaceGroup")]
    Task<DirectoryGroup> ReplaceGroupAsync(DirectoryGroup group);

    /// <summary>Refused while an access profile binds the group.</summary>
    [Alias("DeleteGroup")]
    Task DeleteGroupAsync(string name);

    /// <summary>Issues a key for an enabled directory user; the token in the answer is the only copy.</summary>
    [Alias("IssueApiKey")]
    Task<IssuedApiKey> IssueApiKeyAsync(UserId user, string name, DateTimeOffset? expiresAt);

    /// <summary>The user's keys by prefix, revoked ones included.</summary>
    [Alias("GetApiKeys")]
    Task<IReadOnlyList<ApiKeyView>> GetApiKeysAsync(UserId user);

    [Alias("RevokeApiKey")]
    Task<ApiKeyView> RevokeApiKeyAsync(UserId user, string keyId);
}
