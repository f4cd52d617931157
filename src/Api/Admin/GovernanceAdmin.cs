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
        await RecordAsync(actor, tenant, "tools.discover", tenant.Value, await Governance(tenant).DiscoverToolsAsync());

    /// <summary>Approve (for the current definition), reject or disable (the tenant-wide kill switch) one tool.</summary>
    public async Task<CatalogTool> DecideToolAsync(AdminActor actor, TenantId tenant, string tool, ToolApproval decision) =>
        await RecordAsync(actor, tenant, $"tool.{decision.ToString().ToLowerInvariant()}", tool, await Governance(tenant).DecideToolAsync(tool, decision));

    public async Task<ClassificationResponse> GetClassificationAsync(TenantId tenant) =>
        new(await Governance(tenant).GetDefaultClassificationAsync());

    public async Task<ClassificationResponse> SetClassificationAsync(AdminActor actor, TenantId tenant, DefaultToolClassification classification)
    {
        var change = await Governance(tenant).SetDefaultClassificationAsync(classification);
        return await RecordAsync(actor, tenant, "tools.classification", tenant.Value, change.Select(set => new ClassificationResponse(set)));
    }

    public Task<IReadOnlyList<Toolset>> GetToolsetsAsync(TenantId tenant) => Governance(tenant).GetToolsetsAsync();

    public async Task<Toolset> CreateToolsetAsync(AdminActor actor, TenantId tenant, string name, IReadOnlyList<string> tools)
    {
        var created = await Governance(tenant).CreateToolsetAsync(name, tools);
        return await RecordAsync(actor, tenant, "toolset.create", created.Name, new Change<Toolset>(null, created));
    }

    public async Task<Toolset> ReplaceToolsetAsync(AdminActor actor, TenantId tenant, string name, IReadOnlyList<string> tools) =>
        await RecordAsync(actor, tenant, "toolset.replace", name, await Governance(tenant).ReplaceToolsetAsync(name, tools));

    public async Task DeleteToolsetAsync(AdminActor actor, TenantId tenant, string name) =>
        await RecordAsync(actor, tenant, "toolset.delete", name, await Governance(tenant).DeleteToolsetAsync(name));

    public Task<IReadOnlyList<AccessProfile>> GetAccessProfilesAsync(TenantId tenant) => Governance(tenant).GetAccessProfilesAsync();

    public async Task<AccessProfile> CreateAccessProfileAsync(AdminActor actor, TenantId tenant, AccessProfile profile)
    {
        var created = await Governance(tenant).CreateAccessProfileAsync(profile);
        return await RecordAsync(actor, tenant, "access-profile.create", created.Name, new Change<AccessProfile>(null, created));
    }

    public async Task<AccessProfile> ReplaceAccessProfileAsync(AdminActor actor, TenantId tenant, AccessProfile profile) =>
        await RecordAsync(actor, tenant, "access-profile.replace", profile.Name, await Governance(tenant).ReplaceAccessProfileAsync(profile));

    public async Task DeleteAccessProfileAsync(AdminActor actor, TenantId tenant, string name) =>
        await RecordAsync(actor, tenant, "access-profile.delete", name, await Governance(tenant).DeleteAccessProfileAsync(name));

    public Task<IReadOnlyList<DirectoryGroup>> GetGroupsAsync(TenantId tenant) => Governance(tenant).GetGroupsAsync();

    public async Task<DirectoryGroup> CreateGroupAsync(AdminActor actor, TenantId tenant, DirectoryGroup group)
    {
        var created = await Governance(tenant).CreateGroupAsync(group);
        return await RecordAsync(actor, tenant, "group.create", created.Name, new Change<DirectoryGroup>(null, created));
    }

    public async Task<DirectoryGroup> ReplaceGroupAsync(AdminActor actor, TenantId tenant, DirectoryGroup group) =>
        await RecordAsync(actor, tenant, "group.replace", group.Name, await Governance(tenant).ReplaceGroupAsync(group));

    public async Task DeleteGroupAsync(AdminActor actor, TenantId tenant, string name) =>
        await RecordAsync(actor, tenant, "group.delete", name, await Governance(tenant).DeleteGroupAsync(name));

    private ITenantGovernanceGrain Governance(TenantId tenant) => grains.GetTenantGovernanceGrain(tenant);

    /// <summary>Records the change and answers what the resource is now (null after a delete).</summary>
    private async Task<T> RecordAsync<T>(AdminActor actor, TenantId tenant, string action, string target, Change<T> change) =>
        (await audit.RecordAsync(actor, tenant, action, target, change)).After!;
}
