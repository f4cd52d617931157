using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Tests;

namespace Platform.Governance.Tests;

/// <summary>Arranges a <see cref="PolicyMatrix"/> cell with the grain's own change logic on a state in memory.</summary>
internal sealed class ChangesPolicyArrangement(GovernanceState state) : IPolicyArrangement
{
    private GovernanceChanges Changes => new(state);

    public Task DecideToolAsync(string tool, ToolApproval decision) => Apply(() => Changes.DecideTool(tool, decision));

    public Task<IReadOnlyList<CatalogTool>> GetCatalogAsync() => Task.FromResult(GovernanceViews.Catalog(state));

    public Task CreateToolsetAsync(string name, IReadOnlyList<string> tools) => Apply(() => Changes.CreateToolset(name, tools));

    public Task CreateGroupAsync(DirectoryGroup group) => Apply(() => Changes.CreateGroup(group));

    public Task CreateAccessProfileAsync(AccessProfile profile) => Apply(() => Changes.CreateProfile(profile));

    public Task DisableUserAsync(UserId user) => Apply(() => Changes.SetUserEnabled(user, enabled: false));

    private static Task Apply(Action change)
    {
        change();
        return Task.CompletedTask;
    }
}
