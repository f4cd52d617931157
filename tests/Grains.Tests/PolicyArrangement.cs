using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Grains.Tests;

/// <summary>The governance changes a <see cref="PolicyMatrix"/> cell is arranged with: through a tenant's grain, or on its logic alone.</summary>
public interface IPolicyArrangement
{
    Task DecideToolAsync(string tool, ToolApproval decision);

    Task<IReadOnlyList<CatalogTool>> GetCatalogAsync();

    Task CreateToolsetAsync(string name, IReadOnlyList<string> tools);

    Task CreateGroupAsync(DirectoryGroup group);

    Task CreateAccessProfileAsync(AccessProfile profile);

    Task DisableUserAsync(UserId user);
}

/// <summary>Arranges a cell through the tenant's governance grain, as an admin would.</summary>
public sealed class GrainPolicyArrangement(ITenantGovernanceGrain governance) : IPolicyArrangement
{
    public Task DecideToolAsync(string tool, ToolApproval decision) => governance.DecideToolAsync(tool, decision);

    public Task<IReadOnlyList<CatalogTool>> GetCatalogAsync() => governance.GetCatalogAsync();

    public Task CreateToolsetAsync(string name, IReadOnlyList<string> tools) => governance.CreateToolsetAsync(name, tools);

    public Task CreateGroupAsync(DirectoryGroup group) => governance.CreateGroupAsync(group);

    public Task CreateAccessProfileAsync(AccessProfile profile) => governance.CreateAccessProfileAsync(profile);

    public Task DisableUserAsync(UserId user) => governance.SetUserEnabledAsync(user, enabled: false);
}
