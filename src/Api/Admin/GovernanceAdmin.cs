using Platform.Grains;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's tool catalog and approvals, default classification, toolsets, access profiles and groups, each change
/// recorded in the tenant's audit log with the before and after its grain answered.
/// </summary>
public sealed class GovernanceAdmin(IGrainFactory grains, AdminAuditTrail audit)
{
    public Task<IReadOnlyList<CatalogTool>> GetCatalogAsync(TenantId tenant) => Governance(tenant).GetCatalogAsync();

    /// <summary>One tool with its current definition and the one its last approval covered.</summary>
    public Task<ToolReview> GetToolReviewAsync(TenantId tenant, string tool) => Governance(tenant).GetToolReviewAsync(tool);

    public async Task<IReadOnlyList<CatalogTool>> DiscoverToolsAsync(AdminActor actor, TenantId tenant) =>
        await ApplyAsync(actor, tenant, "tools.discover", tenant.Value, () => Governance(tenant).DiscoverToolsAsync());

    /// <summary>Approve (for the current definition), reject or disable (the tenant-wide kill switch) one tool.</summary>
    public async Task<CatalogTool> DecideToolAsync(AdminActor actor, TenantId tenant, string tool, ToolApproval decision) =>
        await ApplyAsync(actor, tenant, $"tool.{decision.ToString().ToLowerInvariant()}", tool, () => Governance(tenant).DecideToolAsync(tool, decision));

    public async Task<ClassificationResponse> GetClassificationAsync(TenantId tenant) =>
        new(await Governance(tenant).GetDefaultClassificationAsync());

    public async Task<ClassificationResponse> SetClassificationAsync(AdminActor actor, TenantId tenant, DefaultToolClassification classification)
    {
        return await ApplyAsync(actor, tenant, "tools.classification", tenant.Value,
            async () => (await Governance(tenant).SetDefaultClassificationAsync(classification)).Select(set => new ClassificationResponse(set)));
    }

    public Task<IReadOnlyList<Toolset>> GetToolsetsAsync(TenantId tenant) => Governance(tenant).GetToolsetsAsync();

    public async Task<Toolset> CreateToolsetAsync(AdminActor actor, TenantId tenant, string name, IReadOnlyList<string> tools)
    {
        return await ApplyAsync(actor, tenant, "toolset.create", name, async () => new Change<Toolset>(null, await Governance(tenant).CreateToolsetAsync(name, tools)));
    }

    public async Task<Toolset> ReplaceToolsetAsync(AdminActor actor, TenantId tenant, string name, IReadOnlyList<string> tools) =>
        await ApplyAsync(actor, tenant, "toolset.replace", name, () => Governance(tenant).ReplaceToolsetAsync(name, tools));

    public async Task DeleteToolsetAsync(AdminActor actor, TenantId tenant, string name) =>
        await ApplyAsync(actor, tenant, "toolset.delete", name, () => Governance(tenant).DeleteToolsetAsync(name));

    public Task<IReadOnlyList<AccessProfile>> GetAccessProfilesAsync(TenantId tenant) => Governance(tenant).GetAccessProfilesAsync();

    public async Task<AccessProfile> CreateAccessProfileAsync(AdminActor actor, TenantId tenant, AccessProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return await ApplyAsync(actor, tenant, "access-profile.create", profile.Name,
            async () => new Change<AccessProfile>(null, await Governance(tenant).CreateAccessProfileAsync(profile)));
    }

    public async Task<AccessProfile> ReplaceAccessProfileAsync(AdminActor actor, TenantId tenant, AccessProfile profile) =>
        await ApplyAsync(actor, tenant, "access-profile.replace", profile.Name, () => Governance(tenant).ReplaceAccessProfileAsync(profile));

    public async Task DeleteAccessProfileAsync(AdminActor actor, TenantId tenant, string name) =>
        await ApplyAsync(actor, tenant, "access-profile.delete", name, () => Governance(tenant).DeleteAccessProfileAsync(name));

    public Task<IReadOnlyList<DirectoryGroup>> GetGroupsAsync(TenantId tenant) => Governance(tenant).GetGroupsAsync();

    public async Task<DirectoryGroup> CreateGroupAsync(AdminActor actor, TenantId tenant, DirectoryGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return await ApplyAsync(actor, tenant, "group.create", group.Name, async () => new Change<DirectoryGroup>(null, await Governance(tenant).CreateGroupAsync(group)));
    }

    public async Task<DirectoryGroup> ReplaceGroupAsync(AdminActor actor, TenantId tenant, DirectoryGroup group) =>
        await ApplyAsync(actor, tenant, "group.replace", group.Name, () => Governance(tenant).ReplaceGroupAsync(group));

    public async Task DeleteGroupAsync(AdminActor actor, TenantId tenant, string name) =>
        await ApplyAsync(actor, tenant, "group.delete", name, () => Governance(tenant).DeleteGroupAsync(name));

    private ITenantGovernanceGrain Governance(TenantId tenant) => grains.GetTenantGovernanceGrain(tenant);

    /// <summary>Makes the change between its audit rows and answers what the resource is now (null after a delete).</summary>
    private async Task<T> ApplyAsync<T>(AdminActor actor, TenantId tenant, string action, string target, Func<Task<Change<T>>> change) =>
        (await audit.ApplyAsync(actor, tenant, action, target, change)).After!;
}
