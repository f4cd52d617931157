using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;

namespace Platform.Grains.Governance;

public sealed partial class TenantGovernanceGrain(
    [PersistentState("governance", StorageNames.Platform)] IPersistentState<GovernanceState> state,
    IToolDescriptorSource toolSource,
    ILogger<TenantGovernanceGrain> logger) : Grain, ITenantGovernanceGrain
{
    private const int PushAttempts = 3;
    private const int MaxExternalIdLength = 200;

    // Together under the 1 s bound of a kill switch; an unanswered grain is retried by the timer below.
    private static readonly TimeSpan PushTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan RepushPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Policies computed since the last change, so each is computed once per change, not per call.</summary>
    private readonly Dictionary<string, EffectiveToolPolicy> policies = [];

    /// <summary>Users whose grain did not confirm the newest policy: re-pushed every second until it does.</summary>
    private readonly HashSet<string> unconfirmed = [];

    private IGrainTimer? repushTimer;

    private GovernanceState S => state.State;

    private TenantId Tenant => GrainKeys.ParseTenant(this.GetPrimaryKeyString());

    /// <summary>A new release may have changed tool definitions: re-check them against the last granted scopes.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.GrantedScopes is { } scopes && Reconcile(scopes))
        {
            await CommitAsync();
        }
    }

    public async Task<EffectiveToolPolicy> GetEffectivePolicyAsync(UserId user)
    {
        if (S.RegisteredUsers.Add(user.Value))
        {
            await WriteOrForgetAsync();
        }

        return PolicyOf(user.Value);
    }

    public Task UnregisterUserAsync(UserId user)
    {
        // In memory only: this interleaves with writes; a stale entry costs one extra push after a reactivation.
        S.RegisteredUsers.Remove(user.Value);
        unconfirmed.Remove(user.Value);
        return Task.CompletedTask;
    }

    public async Task SetTenantAccessAsync(TenantAccess access)
    {
        S.TenantAccess = access;
        await CommitAsync();
    }

    public async Task<IReadOnlyList<CatalogTool>> DiscoverToolsAsync()
    {
        var integration = await GrainFactory.GetTenantGrain(Tenant).GetIntegrationAsync()
            ?? throw new InvalidOperationException($"Tenant '{Tenant}' has no Confluence integration yet: register it before discovering tools.");
        if (Reconcile(integration.Settings.Scopes))
        {
            await CommitAsync();
        }

        return Catalog();
    }

    public Task<IReadOnlyList<CatalogTool>> GetCatalogAsync() => Task.FromResult(Catalog());

    public async Task<CatalogTool> DecideToolAsync(string tool, ToolApproval decision)
    {
        if (decision is not (ToolApproval.Approved or ToolApproval.Rejected or ToolApproval.Disabled))
        {
            throw new ArgumentException("A decision is Approved, Rejected or Disabled.", nameof(decision));
        }

        var governed = ToolNamed(tool);
        governed.Approval = decision;
        if (decision == ToolApproval.Approved)
        {
            governed.ApprovedDefinitionHash = governed.DefinitionHash;
        }

        await CommitAsync();
        return ToCatalogTool(tool, governed);
    }

    public Task<DefaultToolClassification> GetDefaultClassificationAsync() => Task.FromResult(S.Classification);

    public async Task<DefaultToolClassification> SetDefaultClassificationAsync(DefaultToolClassification classification)
    {
        if (!Enum.IsDefined(classification))
        {
            throw new ArgumentException("Unknown default classification.", nameof(classification));
        }

        S.Classification = classification;
        await CommitAsync();
        return classification;
    }

    public Task<IReadOnlyList<Toolset>> GetToolsetsAsync()
    {
        var approved = Catalog().Where(t => t.Callable).ToList();
        IReadOnlyList<Toolset> all =
        [
            new(Toolset.AllApproved, true, [.. approved.Select(t => t.Name)]),
            new(Toolset.ReadOnlyApproved, true, [.. approved.Where(t => t.ReadOnly).Select(t => t.Name)]),
            .. S.Toolsets.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Toolset(t.Key, false, t.Value)),
        ];
        return Task.FromResult(all);
    }

    public async Task<Toolset> CreateToolsetAsync(string name, IReadOnlyList<string> tools)
    {
        ValidateName(name, "toolset");
        if (Toolset.IsBuiltIn(name) || S.Toolsets.ContainsKey(name))
        {
            throw new InvalidOperationException($"A toolset named '{name}' already exists.");
        }

        S.Toolsets[name] = ValidToolNames(tools);
        await CommitAsync();
        return new Toolset(name, false, S.Toolsets[name]);
    }

    public async Task<Toolset> ReplaceToolsetAsync(string name, IReadOnlyList<string> tools)
    {
        if (Toolset.IsBuiltIn(name))
        {
            throw new InvalidOperationException($"The toolset '{name}' maintains itself and cannot be changed.");
        }

        ExistingToolset(name);
        S.Toolsets[name] = ValidToolNames(tools);
        await CommitAsync();
        return new Toolset(name, false, S.Toolsets[name]);
    }

    public async Task DeleteToolsetAsync(string name)
    {
        if (Toolset.IsBuiltIn(name))
        {
            throw new InvalidOperationException($"The toolset '{name}' is built in and cannot be deleted.");
        }

        ExistingToolset(name);
        if (S.Profiles.FirstOrDefault(p => p.Value.Toolsets.Contains(name)) is { Key: { } profile })
        {
            throw new InvalidOperationException($"The access profile '{profile}' binds toolset '{name}'; unbind it first.");
        }

        S.Toolsets.Remove(name);
        await CommitAsync();
    }

    public Task<IReadOnlyList<AccessProfile>> GetAccessProfilesAsync() =>
        Task.FromResult<IReadOnlyList<AccessProfile>>([.. S.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => ToProfile(p.Key, p.Value))]);

    public async Task<AccessProfile> CreateAccessProfileAsync(AccessProfile profile)
    {
        ValidateName(profile.Name, "access profile");
        if (S.Profiles.ContainsKey(profile.Name))
        {
            throw new InvalidOperationException($"An access profile named '{profile.Name}' already exists.");
        }

        S.Profiles[profile.Name] = ValidProfile(profile);
        await CommitAsync();
        return ToProfile(profile.Name, S.Profiles[profile.Name]);
    }

    public async Task<AccessProfile> ReplaceAccessProfileAsync(AccessProfile profile)
    {
        ExistingProfile(profile.Name);
        S.Profiles[profile.Name] = ValidProfile(profile);
        await CommitAsync();
        return ToProfile(profile.Name, S.Profiles[profile.Name]);
    }

    public async Task DeleteAccessProfileAsync(string name)
    {
        ExistingProfile(name);
        S.Profiles.Remove(name);
        await CommitAsync();
    }

    public Task<IReadOnlyList<DirectoryUser>> GetUsersAsync() =>
        Task.FromResult<IReadOnlyList<DirectoryUser>>([.. S.Users.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => ToUser(u.Key, u.Value))]);

    public Task<DirectoryUser?> GetUserAsync(UserId user) =>
        Task.FromResult(S.Users.TryGetValue(user.Value, out var found) ? ToUser(user.Value, found) : null);

    public async Task<DirectoryUser> CreateUserAsync(DirectoryUser user)
    {
        var valid = ValidUser(user);
        if (S.Users.ContainsKey(user.Id.Value))
        {
            throw new InvalidOperationException($"A user with id '{user.Id}' already exists.");
        }

        S.Users[user.Id.Value] = valid;
        await CommitAsync();
        return ToUser(user.Id.Value, valid);
    }

    public async Task<DirectoryUser> ReplaceUserAsync(DirectoryUser user)
    {
        var valid = ValidUser(user);
        valid.ApiKeyIds = ExistingUser(user.Id).ApiKeyIds;
        S.Users[user.Id.Value] = valid;
        await CommitAsync();
        return ToUser(user.Id.Value, valid);
    }

    public async Task DeleteUserAsync(UserId user)
    {
        var existing = ExistingUser(user);
        // Keys first: if a revocation fails, the user still exists and the delete can be retried.
        foreach (var keyId in existing.ApiKeyIds)
        {
            await GrainFactory.GetApiKeyGrain(Tenant, keyId).RevokeAsync();
        }

        S.Users.Remove(user.Value);
        foreach (var members in S.Groups.Values)
        {
            members.Remove(user.Value);
        }

        foreach (var profile in S.Profiles.Values)
        {
            profile.Users.Remove(user.Value);
        }

        await CommitAsync();
    }

    public Task<IReadOnlyList<DirectoryGroup>> GetGroupsAsync() =>
        Task.FromResult<IReadOnlyList<DirectoryGroup>>([.. S.Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new DirectoryGroup(g.Key, g.Value))]);

    public async Task<DirectoryGroup> CreateGroupAsync(DirectoryGroup group)
    {
        ValidateName(group.Name, "group");
        if (S.Groups.ContainsKey(group.Name))
        {
            throw new InvalidOperationException($"A group named '{group.Name}' already exists.");
        }

        S.Groups[group.Name] = ValidUserIds(group.Members);
        await CommitAsync();
        return new DirectoryGroup(group.Name, S.Groups[group.Name]);
    }

    public async Task<DirectoryGroup> ReplaceGroupAsync(DirectoryGroup group)
    {
        ExistingGroup(group.Name);
        S.Groups[group.Name] = ValidUserIds(group.Members);
        await CommitAsync();
        return new DirectoryGroup(group.Name, S.Groups[group.Name]);
    }

    public async Task DeleteGroupAsync(string name)
    {
        ExistingGroup(name);
        if (S.Profiles.FirstOrDefault(p => p.Value.Groups.Contains(name)) is { Key: { } profile })
        {
            throw new InvalidOperationException($"The access profile '{profile}' binds group '{name}'; unbind it first.");
        }

        S.Groups.Remove(name);
        await CommitAsync();
    }

    public async Task<IssuedApiKey> IssueApiKeyAsync(UserId user, string name, DateTimeOffset? expiresAt)
    {
        var owner = ExistingUser(user);
        if (!owner.Enabled)
        {
            throw new InvalidOperationException($"User '{user}' is disabled; enable them before issuing a key.");
        }

        var keyId = ApiKeyToken.NewKeyId();
        var key = GrainFactory.GetApiKeyGrain(Tenant, keyId);
        var issued = await key.IssueAsync(user, name, expiresAt);
        owner.ApiKeyIds.Add(keyId);
        try
        {
            await WriteOrForgetAsync();
        }
        catch
        {
            // An unindexed key could never be listed or revoked by an admin: it must not work either.
            await key.RevokeAsync();
            throw;
        }

        return issued;
    }

    public async Task<IReadOnlyList<ApiKeyView>> GetApiKeysAsync(UserId user)
    {
        var keys = await Task.WhenAll(ExistingUser(user).ApiKeyIds.Select(id => GrainFactory.GetApiKeyGrain(Tenant, id).GetAsync()));
        return [.. keys.OfType<ApiKeyView>()];
    }

    public async Task<ApiKeyView> RevokeApiKeyAsync(UserId user, string keyId)
    {
        if (!ExistingUser(user).ApiKeyIds.Contains(keyId))
        {
            throw new KeyNotFoundException($"User '{user}' has no API key '{keyId}'.");
        }

        return await GrainFactory.GetApiKeyGrain(Tenant, keyId).RevokeAsync()
            ?? throw new KeyNotFoundException($"User '{user}' has no API key '{keyId}'.");
    }

    /// <summary>
    /// Applies the platform's current tool definitions: new tools start per the default classification, a changed
    /// approved tool needs re-review, withdrawn tools leave the catalog, every other state stays. True when anything changed.
    /// </summary>
    private bool Reconcile(IReadOnlyList<string> grantedScopes)
    {
        var changed = S.GrantedScopes is null || !S.GrantedScopes.SequenceEqual(grantedScopes, StringComparer.Ordinal);
        var offered = toolSource.Tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var withdrawn in S.Tools.Keys.Where(name => !offered.ContainsKey(name)).ToList())
        {
            S.Tools.Remove(withdrawn);
            changed = true;
        }

        foreach (var tool in offered.Values)
        {
            if (!S.Tools.TryGetValue(tool.Name, out var governed))
            {
                var approved = S.Classification == DefaultToolClassification.AutoApproveAll
                    || (S.Classification == DefaultToolClassification.AutoApproveReadOnly && tool.ReadOnly);
                governed = new GovernedTool
                {
                    Approval = approved ? ToolApproval.Approved : ToolApproval.PendingReview,
                    ApprovedDefinitionHash = approved ? tool.DefinitionHash : null,
                };
                S.Tools[tool.Name] = governed;
                changed = true;
            }
            else if (governed.DefinitionHash != tool.DefinitionHash)
            {
                if (governed.Approval == ToolApproval.Approved)
                {
                    governed.Approval = ToolApproval.PendingReReview;
                }

                changed = true;
            }

            changed |= governed.Title != tool.Title || governed.ReadOnly != tool.ReadOnly || !governed.Scopes.SequenceEqual(tool.Scopes);
            (governed.Title, governed.ReadOnly, governed.Scopes, governed.DefinitionHash) = (tool.Title, tool.ReadOnly, [.. tool.Scopes], tool.DefinitionHash);
        }

        if (changed)
        {
            S.GrantedScopes = [.. grantedScopes];
        }

        return changed;
    }

    /// <summary>
    /// Stores the change, then computes each registered user's policy once and pushes those that changed. Stored
    /// first, so a user grain that activates meanwhile fetches the new policy; pushed before returning, so the change
    /// is in force everywhere when the admin's call returns.
    /// </summary>
    private async Task CommitAsync()
    {
        S.Version++;
        await WriteOrForgetAsync();
        var previous = new Dictionary<string, EffectiveToolPolicy>(policies);
        policies.Clear();
        var pushes = S.RegisteredUsers
            .Select(user => (User: user, Policy: PolicyOf(user)))
            .Where(p => !previous.TryGetValue(p.User, out var before) || !SameGrants(before, p.Policy) || unconfirmed.Contains(p.User))
            .ToList();
        await Task.WhenAll(pushes.Select(p => PushAsync(p.User, p.Policy)));
    }

    private async Task PushAsync(string user, EffectiveToolPolicy policy)
    {
        var grain = GrainFactory.GetUserConnectionGrain(Tenant, UserId.TryParseStored(user, out var id) ? id : throw new InvalidOperationException($"Stored user id '{user}' is invalid."));
        for (var attempt = 1; attempt <= PushAttempts; attempt++)
        {
            try
            {
                await grain.ApplyPolicyAsync(policy).WaitAsync(PushTimeout);
                unconfirmed.Remove(user);
                // A push can land on a fresh activation after the old one unregistered: that one holds a policy now.
                S.RegisteredUsers.Add(user);
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogPushFailed(logger, exception, Tenant.Value, user, policy.Version, attempt);
            }
        }

        unconfirmed.Add(user);
        repushTimer ??= this.RegisterGrainTimer(RepushUnconfirmedAsync, RepushPeriod, RepushPeriod);
    }

    private async Task RepushUnconfirmedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(unconfirmed.ToList().Select(user => PushAsync(user, PolicyOf(user))));
        if (unconfirmed.Count == 0 && repushTimer is not null)
        {
            repushTimer.Dispose();
            repushTimer = null;
        }
    }

    private static bool SameGrants(EffectiveToolPolicy a, EffectiveToolPolicy b) =>
        a.TenantAccess == b.TenantAccess && a.UserEnabled == b.UserEnabled && a.AllowedTools.Count == b.AllowedTools.Count
        && a.AllowedTools.All(t => b.AllowedTools.TryGetValue(t.Key, out var hash) && hash == t.Value);

    private EffectiveToolPolicy PolicyOf(string user)
    {
        if (!policies.TryGetValue(user, out var policy))
        {
            policy = ComputePolicy(user);
            policies[user] = policy;
        }

        return policy;
    }

    /// <summary>Callable: approved for its current definition, available, in a toolset that a profile binds to the user or one of their groups.</summary>
    private EffectiveToolPolicy ComputePolicy(string user)
    {
        var enabled = S.Users.TryGetValue(user, out var entry) && entry.Enabled;
        if (S.TenantAccess != TenantAccess.Active || !enabled)
        {
            return new EffectiveToolPolicy(S.Version, S.TenantAccess, enabled, new Dictionary<string, string>());
        }

        var groups = S.Groups.Where(g => g.Value.Contains(user)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var toolsets = S.Profiles.Values
            .Where(p => p.Users.Contains(user) || p.Groups.Any(groups.Contains))
            .SelectMany(p => p.Toolsets)
            .ToHashSet(StringComparer.Ordinal);
        var callable = Catalog().Where(t => t.Callable).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var allowed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tool in callable.Values.Where(t => toolsets.Any(set => InToolset(set, t))))
        {
            allowed[tool.Name] = tool.DefinitionHash;
        }

        return new EffectiveToolPolicy(S.Version, S.TenantAccess, true, allowed);
    }

    private bool InToolset(string toolset, CatalogTool tool) => toolset switch
    {
        Toolset.AllApproved => true,
        Toolset.ReadOnlyApproved => tool.ReadOnly,
        _ => S.Toolsets.TryGetValue(toolset, out var tools) && tools.Contains(tool.Name),
    };

    private IReadOnlyList<CatalogTool> Catalog() =>
        [.. S.Tools.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => ToCatalogTool(t.Key, t.Value))];

    private CatalogTool ToCatalogTool(string name, GovernedTool tool) => new(
        name, tool.Title, tool.ReadOnly, tool.Scopes, tool.DefinitionHash, tool.Approval, tool.ApprovedDefinitionHash,
        [.. tool.Scopes.Where(scope => S.GrantedScopes?.Contains(scope) != true)]);

    /// <summary>A failed write must not leave unsaved changes in this activation: the next call reloads from storage.</summary>
    private async Task WriteOrForgetAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            policies.Clear();
            DeactivateOnIdle();
            throw;
        }
    }

    private GovernedTool ToolNamed(string tool) =>
        S.Tools.TryGetValue(tool ?? "", out var governed) ? governed : throw new KeyNotFoundException($"The catalog has no tool '{tool}'.");

    private void ExistingToolset(string name)
    {
        if (!S.Toolsets.ContainsKey(name ?? ""))
        {
            throw new KeyNotFoundException($"There is no toolset '{name}'.");
        }
    }

    private void ExistingProfile(string name)
    {
        if (!S.Profiles.ContainsKey(name ?? ""))
        {
            throw new KeyNotFoundException($"There is no access profile '{name}'.");
        }
    }

    private void ExistingGroup(string name)
    {
        if (!S.Groups.ContainsKey(name ?? ""))
        {
            throw new KeyNotFoundException($"There is no group '{name}'.");
        }
    }

    private DirectoryUserState ExistingUser(UserId user) =>
        S.Users.TryGetValue(user.Value ?? "", out var found) ? found : throw new KeyNotFoundException($"There is no user '{user}'.");

    private List<string> ValidToolNames(IReadOnlyList<string>? tools)
    {
        var names = (tools ?? []).Distinct(StringComparer.Ordinal).ToList();
        return names.FirstOrDefault(name => !S.Tools.ContainsKey(name ?? "")) is { } unknown
            ? throw new ArgumentException($"The catalog has no tool '{unknown}'.", nameof(tools))
            : names;
    }

    private List<string> ValidUserIds(IReadOnlyList<string>? users)
    {
        var ids = (users ?? []).Distinct(StringComparer.Ordinal).ToList();
        return ids.FirstOrDefault(id => !S.Users.ContainsKey(id ?? "")) is { } unknown
            ? throw new ArgumentException($"There is no user '{unknown}'.", nameof(users))
            : ids;
    }

    private AccessProfileState ValidProfile(AccessProfile profile)
    {
        var toolsets = (profile.Toolsets ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (toolsets.FirstOrDefault(t => !Toolset.IsBuiltIn(t) && !S.Toolsets.ContainsKey(t ?? "")) is { } unknownToolset)
        {
            throw new ArgumentException($"There is no toolset '{unknownToolset}'.", nameof(profile));
        }

        var groups = (profile.Groups ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (groups.FirstOrDefault(g => !S.Groups.ContainsKey(g ?? "")) is { } unknownGroup)
        {
            throw new ArgumentException($"There is no group '{unknownGroup}'.", nameof(profile));
        }

        return new AccessProfileState { Toolsets = toolsets, Users = ValidUserIds(profile.Users), Groups = groups };
    }

    private static DirectoryUserState ValidUser(DirectoryUser user)
    {
        if (user.Id.Value is null || user.Id.IsSharedConnection)
        {
            throw new ArgumentException("A user needs an id.", nameof(user));
        }

        var email = string.IsNullOrWhiteSpace(user.Email) ? null : user.Email.Trim();
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            throw new ArgumentException($"'{email}' is not an email address.", nameof(user));
        }

        var externalId = string.IsNullOrWhiteSpace(user.ExternalId) ? null : user.ExternalId.Trim();
        if (externalId?.Length > MaxExternalIdLength)
        {
            throw new ArgumentException($"An external id is at most {MaxExternalIdLength} characters.", nameof(user));
        }

        if (!Enum.IsDefined(user.Role))
        {
            throw new ArgumentException("A role is Admin or Member.", nameof(user));
        }

        return new DirectoryUserState { ExternalId = externalId, Email = email, Enabled = user.Enabled, Role = user.Role };
    }

    private static void ValidateName(string name, string kind)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"A {kind} name is 1 to 63 lowercase letters, digits or inner hyphens, for example 'writers'.", nameof(name));
        }
    }

    private static AccessProfile ToProfile(string name, AccessProfileState profile) => new(name, profile.Toolsets, profile.Users, profile.Groups);

    private static DirectoryUser ToUser(string id, DirectoryUserState user) =>
        new(UserId.Parse(id), user.ExternalId, user.Email, user.Enabled, user.Role);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy v{Version} for {Tenant}/{User} not confirmed (attempt {Attempt}); retrying")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string tenant, string user, long version, int attempt);
}
