namespace Platform.Grains.Governance;

/// <summary>
/// What <see cref="GovernanceState"/> holds, in the shapes that cross the grain boundary, sorted by name. Lists are
/// copied: a view handed out never changes with the state.
/// </summary>
internal static class GovernanceViews
{
    public static IReadOnlyList<CatalogTool> Catalog(GovernanceState state) =>
        [.. state.Tools.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => Tool(state, t.Key, t.Value))];

    /// <summary>The tool as the catalog lists it; its missing scopes are those the integration did not grant.</summary>
    public static CatalogTool Tool(GovernanceState state, string name, GovernedTool tool) => new(
        name, tool.Title, tool.ReadOnly, [.. tool.Scopes], tool.DefinitionHash, tool.Approval, tool.ApprovedDefinitionHash,
        [.. tool.Scopes.Where(scope => state.GrantedScopes?.Contains(scope) != true)]);

    /// <summary>The two built-in toolsets with their current members, then the custom ones.</summary>
    public static IReadOnlyList<Toolset> Toolsets(GovernanceState state)
    {
        var callable = Catalog(state).Where(t => t.Callable).ToList();
        return
        [
            new(Toolset.AllApproved, true, [.. callable.Select(t => t.Name)]),
            new(Toolset.ReadOnlyApproved, true, [.. callable.Where(t => t.ReadOnly).Select(t => t.Name)]),
            .. state.Toolsets.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => CustomToolset(t.Key, t.Value)),
        ];
    }

    public static Toolset CustomToolset(string name, List<string> tools) => new(name, false, [.. tools]);

    public static IReadOnlyList<AccessProfile> Profiles(GovernanceState state) =>
        [.. state.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Profile(p.Key, p.Value))];

    public static AccessProfile Profile(string name, AccessProfileState profile) =>
        new(name, [.. profile.Toolsets], [.. profile.Users], [.. profile.Groups]);

    public static IReadOnlyList<DirectoryUser> Users(GovernanceState state) =>
        [.. state.Users.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => User(u.Key, u.Value))];

    public static DirectoryUser User(string id, DirectoryUserState user) =>
        new(Identity.UserId.Parse(id), user.ExternalId, user.Email, user.Enabled, user.Role, user.AtlassianAccountId);

    public static IReadOnlyList<DirectoryGroup> Groups(GovernanceState state) =>
        [.. state.Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, g.Value))];

    public static DirectoryGroup Group(string name, List<string> members) => new(name, [.. members]);
}
