using Platform.Grains.Identity;

namespace Platform.Grains.Governance;

/// <summary>
/// The changes an admin makes to a tenant's governance, on its state in memory: each checks everything with
/// <see cref="GovernanceRules"/> before it touches anything, so a refusal changes nothing, and answers what it changed.
/// Storing and publishing the result is the grain's part.
/// </summary>
internal sealed class GovernanceChanges(GovernanceState state)
{
    private readonly GovernanceRules rules = new(state);

    /// <summary>Approve, reject or disable a tool; an approval covers the hash of its current definition.</summary>
    public Change<CatalogTool> DecideTool(string tool, ToolApproval decision)
    {
        var governed = rules.ExistingTool(tool);
        var before = GovernanceViews.Tool(state, tool, governed);
        governed.Approval = GovernanceRules.Decision(decision);
        if (decision == ToolApproval.Approved)
        {
            governed.ApprovedDefinitionHash = governed.DefinitionHash;
            // The text lives in the platform's archive (IToolDefinitionArchiveGrain); an older approval's text goes.
            governed.ApprovedDefinition = null;
        }

        return new(before, GovernanceViews.Tool(state, tool, governed));
    }

    public Change<DefaultToolClassification> SetClassification(DefaultToolClassification classification)
    {
        var before = state.Classification;
        state.Classification = GovernanceRules.Classification(classification);
        return new(before, classification);
    }

    public Change<Toolset> CreateToolset(string name, IReadOnlyList<string> tools)
    {
        var valid = rules.NewToolset(name);
        state.Toolsets[valid] = rules.ToolNames(tools);
        return new(null, GovernanceViews.CustomToolset(valid, state.Toolsets[valid]));
    }

    public Change<Toolset> ReplaceToolset(string name, IReadOnlyList<string> tools)
    {
        var before = GovernanceViews.CustomToolset(name, rules.CustomToolset(name, "changed"));
        state.Toolsets[name] = rules.ToolNames(tools);
        return new(before, GovernanceViews.CustomToolset(name, state.Toolsets[name]));
    }

    public Change<Toolset> DeleteToolset(string name)
    {
        var before = GovernanceViews.CustomToolset(name, rules.CustomToolset(name, "deleted"));
        rules.Unbound(name);
        state.Toolsets.Remove(name);
        return new(before, null);
    }

    public Change<AccessProfile> CreateProfile(AccessProfile profile)
    {
        var name = rules.NewProfile(profile.Name);
        state.Profiles[name] = rules.Profile(profile);
        return new(null, GovernanceViews.Profile(name, state.Profiles[name]));
    }

    public Change<AccessProfile> ReplaceProfile(AccessProfile profile)
    {
        var before = GovernanceViews.Profile(profile.Name, rules.ExistingProfile(profile.Name));
        state.Profiles[profile.Name] = rules.Profile(profile);
        return new(before, GovernanceViews.Profile(profile.Name, state.Profiles[profile.Name]));
    }

    public Change<AccessProfile> DeleteProfile(string name)
    {
        var before = GovernanceViews.Profile(name, rules.ExistingProfile(name));
        state.Profiles.Remove(name);
        return new(before, null);
    }

    public Change<DirectoryUser> CreateUser(DirectoryUser user)
    {
        var valid = GovernanceRules.User(user);
        rules.NewUser(user.Id);
        state.Users[user.Id.Value] = valid;
        return new(null, GovernanceViews.User(user.Id.Value, valid));
    }

    /// <summary>Everything but the user's API keys, which only issuing and revoking change.</summary>
    public Change<DirectoryUser> ReplaceUser(DirectoryUser user)
    {
        var valid = GovernanceRules.User(user);
        var existing = rules.ExistingUser(user.Id);
        var before = GovernanceViews.User(user.Id.Value, existing);
        valid.ApiKeyIds = existing.ApiKeyIds;
        state.Users[user.Id.Value] = valid;
        return new(before, GovernanceViews.User(user.Id.Value, valid));
    }

    public Change<DirectoryUser> SetUserEnabled(UserId user, bool enabled)
    {
        var existing = rules.ExistingUser(user);
        var before = GovernanceViews.User(user.Value, existing);
        existing.Enabled = enabled;
        return new(before, GovernanceViews.User(user.Value, existing));
    }

    /// <summary>Removes the user from the directory, every group and every profile. Their keys are the grain's to revoke first.</summary>
    public Change<DirectoryUser> DeleteUser(UserId user)
    {
        var before = GovernanceViews.User(user.Value, rules.ExistingUser(user));
        state.Users.Remove(user.Value);
        foreach (var members in state.Groups.Values)
        {
            members.Remove(user.Value);
        }

        foreach (var profile in state.Profiles.Values)
        {
            profile.Users.Remove(user.Value);
        }

        return new(before, null);
    }

    public Change<DirectoryGroup> CreateGroup(DirectoryGroup group)
    {
        var name = rules.NewGroup(group.Name);
        state.Groups[name] = rules.UserIds(group.Members, nameof(DirectoryGroup.Members));
        return new(null, GovernanceViews.Group(name, state.Groups[name]));
    }

    public Change<DirectoryGroup> ReplaceGroup(DirectoryGroup group)
    {
        var before = GovernanceViews.Group(group.Name, rules.ExistingGroup(group.Name));
        state.Groups[group.Name] = rules.UserIds(group.Members, nameof(DirectoryGroup.Members));
        return new(before, GovernanceViews.Group(group.Name, state.Groups[group.Name]));
    }

    public Change<TenantSecuritySettings> SetSecurity(TenantSecuritySettings settings)
    {
        var before = state.Security;
        state.Security = GovernanceRules.Security(settings);
        return new(before, state.Security);
    }

    /// <summary>
    /// Decides whether the consenting account is the user's (<see cref="AccountMatching"/>), and binds it where that
    /// says so: true when the state changed.
    /// </summary>
    public (AccountMatch Match, bool Bound) MatchAccount(UserId user, ConnectingAccount account, bool matchedBySignIn)
    {
        var entry = state.Users.GetValueOrDefault(user.Value ?? "");
        var (match, bind) = AccountMatching.Decide(user, entry, account, state.Security, matchedBySignIn);
        if (bind)
        {
            entry!.AtlassianAccountId = account.AccountId;
        }

        return (match, bind);
    }

    public Change<DirectoryGroup> DeleteGroup(string name)
    {
        var before = GovernanceViews.Group(name, rules.ExistingGroup(name));
        rules.UnboundGroup(name);
        state.Groups.Remove(name);
        return new(before, null);
    }
}
