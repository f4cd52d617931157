using Orleans.Concurrency;
using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Grains.Governance;

/// <summary>
/// A tenant's tool governance: catalog and approvals, toolsets, access profiles, users and groups, users' API keys.
/// Every change is validated (a refusal changes nothing), stored, then each registered user's effective policy is
/// computed once and pushed before the call returns. A change answers its <see cref="Change{T}"/>: the resource before
/// and after, as this grain saw it. Refusals: <see cref="InvalidRequestException"/>, <see cref="NotFoundException"/>,
/// <see cref="ConflictException"/>. Key: <see cref="GrainKeys.ForTenant"/>.
/// </summary>
[Alias("Platform.ITenantGovernanceGrain")]
public interface ITenantGovernanceGrain : IGrainWithStringKey
{
    /// <summary>
    /// The user's effective policy; also registers the user's grain for pushed updates
    /// (<see cref="Connections.IUserConnectionGrain.ApplyPolicyAsync"/>) until it deactivates.
    /// </summary>
    [Alias("GetEffectivePolicy"), Idempotent]
    Task<EffectiveToolPolicy> GetEffectivePolicyAsync(UserId user);

    /// <summary>
    /// The user's grain deactivated: stop pushing to it. Interleaves, so a deactivating user grain never waits behind
    /// a push that is waiting for it.
    /// </summary>
    [Alias("UnregisterUser"), AlwaysInterleave]
    Task UnregisterUserAsync(UserId user);

    /// <summary>
    /// The tenant's lifecycle changed (<see cref="Tenants.ITenantGrain"/> tells it): applies to every user at once.
    /// Answers how many users' grains have not confirmed it yet. A deleted tenant's API keys are all revoked.
    /// </summary>
    [Alias("SetTenantAccess")]
    Task<int> SetTenantAccessAsync(TenantAccess access);

    /// <summary>
    /// Fills the catalog from the platform's tools and the integration's granted scopes. New tools start as the default
    /// classification says; a changed approved tool returns to <see cref="ToolApproval.PendingReReview"/>; other states stay.
    /// A conflict until the tenant has an integration.
    /// </summary>
    [Alias("DiscoverTools")]
    Task<Change<IReadOnlyList<CatalogTool>>> DiscoverToolsAsync();

    [Alias("GetCatalog")]
    Task<IReadOnlyList<CatalogTool>> GetCatalogAsync();

    /// <summary>One tool with its current definition and the one its last approval covered, for a side-by-side review.</summary>
    [Alias("GetToolReview")]
    Task<ToolReview> GetToolReviewAsync(string tool);

    /// <summary>Approve (for the current definition), reject or disable a tool tenant-wide.</summary>
    [Alias("DecideTool")]
    Task<Change<CatalogTool>> DecideToolAsync(string tool, ToolApproval decision);

    [Alias("GetDefaultClassification")]
    Task<DefaultToolClassification> GetDefaultClassificationAsync();

    /// <summary>Applies to tools discovered from now on; existing tools keep their state.</summary>
    [Alias("SetDefaultClassification")]
    Task<Change<DefaultToolClassification>> SetDefaultClassificationAsync(DefaultToolClassification classification);

    /// <summary>Custom toolsets and the two built-in ones, with their current members.</summary>
    [Alias("GetToolsets")]
    Task<IReadOnlyList<Toolset>> GetToolsetsAsync();

    [Alias("CreateToolset")]
    Task<Change<Toolset>> CreateToolsetAsync(string name, IReadOnlyList<string> tools);

    [Alias("ReplaceToolset")]
    Task<Change<Toolset>> ReplaceToolsetAsync(string name, IReadOnlyList<string> tools);

    /// <summary>Refused while an access profile binds the toolset.</summary>
    [Alias("DeleteToolset")]
    Task<Change<Toolset>> DeleteToolsetAsync(string name);

    [Alias("GetAccessProfiles")]
    Task<IReadOnlyList<AccessProfile>> GetAccessProfilesAsync();

    [Alias("CreateAccessProfile")]
    Task<Change<AccessProfile>> CreateAccessProfileAsync(AccessProfile profile);

    [Alias("ReplaceAccessProfile")]
    Task<Change<AccessProfile>> ReplaceAccessProfileAsync(AccessProfile profile);

    [Alias("DeleteAccessProfile")]
    Task<Change<AccessProfile>> DeleteAccessProfileAsync(string name);

    [Alias("GetUsers")]
    Task<IReadOnlyList<DirectoryUser>> GetUsersAsync();

    /// <summary>The user, or null when the directory has no such user.</summary>
    [Alias("GetUser")]
    Task<DirectoryUser?> GetUserAsync(UserId user);

    [Alias("CreateUser")]
    Task<Change<DirectoryUser>> CreateUserAsync(DirectoryUser user);

    /// <summary>Replaces external id, email, Atlassian account id, role and enabled; disabling is the per-user kill switch.</summary>
    [Alias("ReplaceUser")]
    Task<Change<DirectoryUser>> ReplaceUserAsync(DirectoryUser user);

    /// <summary>The per-user kill switch (and its undo), leaving everything else about the user as it is.</summary>
    [Alias("SetUserEnabled")]
    Task<Change<DirectoryUser>> SetUserEnabledAsync(UserId user, bool enabled);

    /// <summary>
    /// Revokes the user's API keys, deletes their Atlassian tokens, pending connect links and OAuth grants, then removes
    /// them from the directory, groups and profiles: a user created later with the same id starts with nothing of theirs.
    /// </summary>
    [Alias("DeleteUser")]
    Task<Change<DirectoryUser>> DeleteUserAsync(UserId user);

    [Alias("GetGroups")]
    Task<IReadOnlyList<DirectoryGroup>> GetGroupsAsync();

    [Alias("CreateGroup")]
    Task<Change<DirectoryGroup>> CreateGroupAsync(DirectoryGroup group);

    [Alias("ReplaceGroup")]
    Task<Change<DirectoryGroup>> ReplaceGroupAsync(DirectoryGroup group);

    /// <summary>Refused while an access profile binds the group.</summary>
    [Alias("DeleteGroup")]
    Task<Change<DirectoryGroup>> DeleteGroupAsync(string name);

    /// <summary>
    /// Issues a key for an enabled directory user; the token in the answer is the only copy. Refused when the key would
    /// open the admin API of someone who is not an admin, or when the tenant requires self-issued keys and the issuer is
    /// someone else.
    /// </summary>
    [Alias("IssueApiKey")]
    Task<IssuedApiKey> IssueApiKeyAsync(UserId user, ApiKeyIssue issue);

    /// <summary>The user's keys by prefix, revoked ones included.</summary>
    [Alias("GetApiKeys")]
    Task<IReadOnlyList<ApiKeyView>> GetApiKeysAsync(UserId user);

    [Alias("RevokeApiKey")]
    Task<Change<ApiKeyView>> RevokeApiKeyAsync(UserId user, string keyId);

    [Alias("GetSecuritySettings")]
    Task<TenantSecuritySettings> GetSecuritySettingsAsync();

    [Alias("SetSecuritySettings")]
    Task<Change<TenantSecuritySettings>> SetSecuritySettingsAsync(TenantSecuritySettings settings);

    /// <summary>
    /// Whether <paramref name="account"/>, which just consented for <paramref name="user"/>, is theirs (see
    /// <see cref="DirectoryUser"/> and <see cref="TenantSecuritySettings.UnmatchedAccounts"/>); binds it to the user
    /// where the tenant binds on first connect, or where <paramref name="matchedBySignIn"/> (signing in with Atlassian
    /// already matched that account to the user).
    /// </summary>
    [Alias("MatchConnectingAccount")]
    Task<AccountMatch> MatchConnectingAccountAsync(UserId user, ConnectingAccount account, bool matchedBySignIn);
}
