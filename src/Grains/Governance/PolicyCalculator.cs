namespace Platform.Grains.Governance;

/// <summary>
/// Who may call what, for one version of a tenant's governance: a tool is callable by a user when it is approved for
/// its current definition, available with the granted scopes, and in a toolset that an access profile binds to the
/// user or to one of their groups; and the tenant is active and the user enabled. Each user's policy is computed once,
/// and users bound to the same toolsets share one policy object (a user grain keeps what it is handed, so a tenant's
/// thousand users hold one copy, not a thousand); a new version of the state needs a new calculator.
/// </summary>
internal sealed class PolicyCalculator(GovernanceState state)
{
    private readonly Dictionary<string, EffectiveToolPolicy> computed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EffectiveToolPolicy> byToolsets = new(StringComparer.Ordinal);
    private readonly Dictionary<bool, EffectiveToolPolicy> withoutTools = [];
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
            return withoutTools.TryGetValue(enabled, out var none)
                ? none
                : withoutTools[enabled] = new EffectiveToolPolicy(state.Version, state.TenantAccess, enabled, new Dictionary<string, string>());
        }

        groupsByMember ??= state.Groups.SelectMany(g => g.Value.Select(member => (Member: member, Group: g.Key))).ToLookup(m => m.Member, m => m.Group, StringComparer.Ordinal);
        var groups = groupsByMember[user].ToHashSet(StringComparer.Ordinal);
        var toolsets = state.Profiles.Values
            .Where(p => p.Users.Contains(user) || p.Groups.Any(groups.Contains))
            .SelectMany(p => p.Toolsets)
            .ToHashSet(StringComparer.Ordinal);
        var key = string.Join('\n', toolsets.Order(StringComparer.Ordinal));
        if (!byToolsets.TryGetValue(key, out var shared))
        {
            // Not kept: a calculator lives as long as its version, and a tenant's catalog view costs about 13 KB.
            var allowed = GovernanceViews.Catalog(state).Where(t => t.Callable).Where(tool => toolsets.Any(set => InToolset(set, tool))).ToDictionary(t => t.Name, t => t.DefinitionHash, StringComparer.Ordinal);
            byToolsets[key] = shared = new EffectiveToolPolicy(state.Version, state.TenantAccess, true, allowed);
        }

        return shared;
    }

    private bool InToolset(string toolset, CatalogTool tool) => toolset switch
    {
        Toolset.AllApproved => true,
        Toolset.ReadOnlyApproved => tool.ReadOnly,
        _ => state.Toolsets.TryGetValue(toolset, out var tools) && tools.Contains(tool.Name),
    };
}
