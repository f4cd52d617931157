using Platform.Grains;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's tool catalog and approvals, default classification, toolsets, access profiles and groups, each change
/// recorded in the tenant's audit log with the before and after its grain answered. Each change answers how many users'
/// grains have not confirmed their new policy yet (<see cref="PolicyChangeResponse{T}"/>).
/// </summary>
public sealed class GovernanceAdmin(IGrainFactory grains, AdminAuditTrail audit)
{
    public Task<IReadOnlyList<CatalogTool>> GetCatalogAsync(TenantId tenant) => Governance(tenant).GetCatalogAsync();

    /// <summary>One tool with its current definition and the one its last approval covered.</summary>
    public Task<ToolReview> GetToolReviewAsync(TenantId tenant, string tool) => Governance(tenant).GetToolReviewAsync(tool);

    public async Task<PolicyChangeResponse<DiscoveredTools>> DiscoverToolsAsync(AdminActor actor, TenantId tenant) =>
        PolicyChangeResponse.After(await audit.ApplyAsync(actor, tenant, "tools.discover", tenant.Value,
            async () => (await Governance(tenant).DiscoverToolsAsync()).Select(tools => new DiscoveredTools(tools))));

    /// <summary>Approve (for the current definition), reject or disable (the tenant-wide kill switch) one tool.</summary>
    public Task<PolicyChangeResponse<CatalogTool>> DecideToolAsync(AdminActor actor, TenantId tenant, string tool, ToolApproval decision) =>
        ApplyAsync(actor, tenant, $"tool.{decision.ToString().ToLowerInvariant()}", tool, () => Governance(tenant).DecideToolAsync(tool, decision));

    public async Task<ClassificationResponse> GetClassificationAsync(TenantId tenant) =>
        new(await Governance(tenant).GetDefaultClassificationAsync());

    public async Task<PolicyChangeResponse<ClassificationResponse>> SetClassificationAsync(AdminActor actor, TenantId tenant, DefaultToolClassification classification)
    {
        return PolicyChangeResponse.After(await audit.ApplyAsync(actor, tenant, "tools.classification", tenant.Value,
            async () => (await Governance(tenant).SetDefaultClassificationAsync(classification)).Select(set => new ClassificationResponse(set))));
    }

    public Task<IReadOnlyList<Toolset>> GetToolsetsAsync(TenantId tenant) => Governance(tenant).GetToolsetsAsync();

    public Task<PolicyChangeResponse<Toolset>> CreateToolsetAsync(AdminActor actor, TenantId tenant, string name, IReadOnlyList<string> tools) =>
        ApplyAsync(actor, tenant, "toolset.create", name, () => Governance(tenant).CreateToolsetAsync(name, tools));

    public Task<PolicyChangeResponse<Toolset>> ReplaceToolsetAsync(AdminActor actor, TenantId tenant, string name, IReadOnlyList<string> tools) =>
        ApplyAsync(actor, tenant, "toolset.replace", name, () => Governance(tenant).ReplaceToolsetAsync(name, tools));

    public Task<PolicyChangeResponse<Toolset>> DeleteToolsetAsync(AdminActor actor, TenantId tenant, string name) =>
        ApplyAsync(actor, tenant, "toolset.delete", name, () => Governance(tenant).DeleteToolsetAsync(name));

    public Task<IReadOnlyList<AccessProfile>> GetAccessProfilesAsync(TenantId tenant) => Governance(tenant).GetAccessProfilesAsync();

    public Task<PolicyChangeResponse<AccessProfile>> CreateAccessProfileAsync(AdminActor actor, TenantId tenant, AccessProfile profile) =>
        ApplyAsync(actor, tenant, "access-profile.create", profile.Name, () => Governance(tenant).CreateAccessProfileAsync(profile));

    public Task<PolicyChangeResponse<AccessProfile>> ReplaceAccessProfileAsync(AdminActor actor, TenantId tenant, AccessProfile profile) =>
        ApplyAsync(actor, tenant, "access-profile.replace", profile.Name, () => Governance(tenant).ReplaceAccessProfileAsync(profile));

    public Task<PolicyChangeResponse<AccessProfile>> DeleteAccessProfileAsync(AdminActor actor, TenantId tenant, string name) =>
        ApplyAsync(actor, tenant, "access-profile.delete", name, () => Governance(tenant).DeleteAccessProfileAsync(name));

    public Task<IReadOnlyList<DirectoryGroup>> GetGroupsAsync(TenantId tenant) => Governance(tenant).GetGroupsAsync();

    public Task<PolicyChangeResponse<DirectoryGroup>> CreateGroupAsync(AdminActor actor, TenantId tenant, DirectoryGroup group) =>
        ApplyAsync(actor, tenant, "group.create", group.Name, () => Governance(tenant).CreateGroupAsync(group));

    public Task<PolicyChangeResponse<DirectoryGroup>> ReplaceGroupAsync(AdminActor actor, TenantId tenant, DirectoryGroup group) =>
        ApplyAsync(actor, tenant, "group.replace", group.Name, () => Governance(tenant).ReplaceGroupAsync(group));

    public Task<PolicyChangeResponse<DirectoryGroup>> DeleteGroupAsync(AdminActor actor, TenantId tenant, string name) =>
        ApplyAsync(actor, tenant, "group.delete", name, () => Governance(tenant).DeleteGroupAsync(name));

    private ITenantGovernanceGrain Governance(TenantId tenant) => grains.GetTenantGovernanceGrain(tenant);

    /// <summary>Makes the change between its audit rows and answers the resource as it is now, or as it was when the change deleted it.</summary>
    private async Task<PolicyChangeResponse<T>> ApplyAsync<T>(AdminActor actor, TenantId tenant, string action, string target, Func<Task<Change<T>>> change)
        where T : class
    {
        var made = await audit.ApplyAsync(actor, tenant, action, target, change);
        return made.After is null ? PolicyChangeResponse.Before(made) : PolicyChangeResponse.After(made);
    }
}
