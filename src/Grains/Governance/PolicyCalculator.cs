namespace Platform.Grains.Governance;

/// <summary>
/// Who may call what, for one version of a tenant's governance: a tool is callable by a user when it is approved for
/// its current definition, available with the granted scopes, and in a toolset that an access profile binds to the
/// user or to one of their groups; and the tenant is active and the user enabled. Each user's policy is computed once;
/// a new version of the state needs a new calculator.
/// </summary>
internal sealed class PolicyCalculator(GovernanceState state)
{
    private readonly Dictionary<string, EffectiveToolPolicy> computed = new(StringComparer.Ordinal);
    private List<CatalogTool>? callable;
    private ILookup<string, string>? groupsByMember;

    public EffectiveToolPolicy For(string user)
    {
        if (!computed.TryGetValue(user, out var policy))
        {
            policy = Compute(user);
            computed[user] = policy;
        }

        return policy;
    }

    private EffectiveToolPolicy Compute(string user)
    {
        var enabled = state.Users.TryGetValue(user, out var entry) && entry.Enabled;
        if (state.TenantAccess != TenantAccess.Active || !enabled)
        {
            return new EffectiveToolPolicy(state.Version, state.TenantAccess, enabled, new Dictionary<string, string>());
        }

        groupsByMember ??= state.Groups.SelectMany(g => g.Value.Select(member => (Member: member, Group: g.Key))).ToLookup(m => m.Member, m => m.Group, StringComparer.Ordinal);
        var groups = groupsByMember[user].ToHashSet(StringComparer.Ordinal);
        var toolsets = state.Profiles.Values
            .Where(p => p.Users.Contains(user) || p.Groups.Any(groups.Contains))
            .SelectMany(p => p.Toolsets)
            .ToHashSet(StringComparer.Ordinal);
        callable ??= [.. GovernanceViews.Catalog(state).Where(t => t.Callable)];
        var allowed = callable.Where(tool => toolsets.Any(set => InToolset(set, tool))).ToDictionary(t => t.Name, t => t.DefinitionHash, StringComparer.Ordinal);
        return new EffectiveToolPolicy(state.Version, state.TenantAccess, true, allowed);
    }

    private bool InToolset(string toolset, CatalogTool tool) => toolset switch
    {
        Toolset.AllApproved => true,
        Toolset.ReadOnlyApproved => tool.ReadOnly,
        _ => state.Toolsets.TryGetValue(toolset, out var tools) && tools.Contains(tool.Name),
    };
}
