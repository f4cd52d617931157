using Microsoft.Extensions.Logging;
using Platform.Grains.ApiKeys;
using Platform.Grains.Connections;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Grains.Governance;

/// <summary>
/// One consistency boundary for a tenant's kill switches. Every change reads: validate and change the state in memory
/// (<see cref="GovernanceChanges"/>), commit it, publish each registered user's new policy (<see cref="PolicyPublisher"/>).
/// </summary>
public sealed class TenantGovernanceGrain(
    [PersistentState("governance", StorageNames.Platform)] IPersistentState<GovernanceState> state,
    [PersistentState("governance-registrations", StorageNames.Platform)] IPersistentState<RegisteredUsersState> registrations,
    IToolDescriptorSource toolSource,
    TimeProvider time,
    ILogger<TenantGovernanceGrain> logger) : Grain, ITenantGovernanceGrain
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(1);

    private PolicyPublisher? publisher;
    private PolicyCalculator? policies;
    private RegisteredUsers? registered;
    private IGrainTimer? retryTimer;

    private GovernanceState S => state.State;

    private RegisteredUsers Registered => registered ??= new(registrations, logger, Tenant.Value);

    private TenantId Tenant => GrainKeys.ParseTenant(this.GetPrimaryKeyString());

    private GovernanceChanges Changes => new(S);

    private GovernanceRules Rules => new(S);

    /// <summary>Policies of the current version, each computed once.</summary>
    private PolicyCalculator Policies => policies ??= new(S);

    private PolicyPublisher Publisher => publisher ??= new(ApplyPolicyAsync, Registered.Unconfirmed, time, logger, Tenant.Value);

    /// <summary>
    /// A new release may have changed tool definitions: re-check them against the last granted scopes. Pushes a previous
    /// activation left unconfirmed are retried from the start.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.GrantedScopes is { } scopes && CatalogReconciler.Reconcile(S, toolSource.Tools, ScopeNames.Share(scopes)))
        {
            await CommitAsync();
        }

        RetryWhileUnconfirmed();
    }

    public async Task<EffectiveToolPolicy> GetEffectivePolicyAsync(UserId user)
    {
        await Registered.RegisterAsync(user.Value);
        return Publisher.HandOut(user.Value, Policies.For(user.Value));
    }

    public Task UnregisterUserAsync(UserId user)
    {
        Registered.Unregister(user.Value);
        Publisher.Forget(user.Value);
        return Task.CompletedTask;
    }

    public async Task<int> SetTenantAccessAsync(TenantAccess access)
    {
        if (access == TenantAccess.Deleted)
        {
            // Keys first, as for a deleted user: a failed revocation leaves the call to be retried.
            await RevokeKeysAsync(S.Users.Values.SelectMany(user => user.ApiKeyIds));
        }

        S.TenantAccess = access;
        return await CommitAsync();
    }

    public async Task<Change<IReadOnlyList<CatalogTool>>> DiscoverToolsAsync()
    {
        var integration = await GrainFactory.GetTenantGrain(Tenant).GetIntegrationAsync()
            ?? throw new ConflictException($"Tenant '{Tenant}' has no Confluence integration yet: register it before discovering tools.");
        var before = GovernanceViews.Catalog(S);
        var unconfirmed = CatalogReconciler.Reconcile(S, toolSource.Tools, integration.Settings.Scopes) ? await CommitApprovalsAsync() : Publisher.UnconfirmedCount;
        return new(before, GovernanceViews.Catalog(S)) { UnconfirmedUsers = unconfirmed };
    }

    public Task<IReadOnlyList<CatalogTool>> GetCatalogAsync() => Task.FromResult(GovernanceViews.Catalog(S));

    public async Task<ToolReview> GetToolReviewAsync(string tool)
    {
        var governed = Rules.ExistingTool(tool);
        // A state stored before the archive existed holds the approved text itself.
        var approved = governed.ApprovedDefinition
            ?? (governed.ApprovedDefinitionHash is { } hash ? await GrainFactory.GetToolDefinitionArchiveGrain().FindAsync(hash) : null);
        return new ToolReview(GovernanceViews.Tool(S, tool, governed), CurrentDefinition(tool), approved);
    }

    public async Task<Change<CatalogTool>> DecideToolAsync(string tool, ToolApproval decision)
    {
        var change = Changes.DecideTool(tool, decision);
        return change with { UnconfirmedUsers = decision == ToolApproval.Approved ? await CommitApprovalsAsync() : await CommitAsync() };
    }

    public Task<DefaultToolClassification> GetDefaultClassificationAsync() => Task.FromResult(S.Classification);

    public Task<Change<DefaultToolClassification>> SetDefaultClassificationAsync(DefaultToolClassification classification) =>
        CommitAsync(Changes.SetClassification(classification));

    public Task<IReadOnlyList<Toolset>> GetToolsetsAsync() => Task.FromResult(GovernanceViews.Toolsets(S));

    public Task<Change<Toolset>> CreateToolsetAsync(string name, IReadOnlyList<string> tools) => CommitAsync(Changes.CreateToolset(name, tools));

    public Task<Change<Toolset>> ReplaceToolsetAsync(string name, IReadOnlyList<string> tools) => CommitAsync(Changes.ReplaceToolset(name, tools));

    public Task<Change<Toolset>> DeleteToolsetAsync(string name) => CommitAsync(Changes.DeleteToolset(name));

    public Task<IReadOnlyList<AccessProfile>> GetAccessProfilesAsync() => Task.FromResult(GovernanceViews.Profiles(S));

    public Task<Change<AccessProfile>> CreateAccessProfileAsync(AccessProfile profile) => CommitAsync(Changes.CreateProfile(profile));

    public Task<Change<AccessProfile>> ReplaceAccessProfileAsync(AccessProfile profile) => CommitAsync(Changes.ReplaceProfile(profile));

    public Task<Change<AccessProfile>> DeleteAccessProfileAsync(string name) => CommitAsync(Changes.DeleteProfile(name));

    public Task<IReadOnlyList<DirectoryUser>> GetUsersAsync() => Task.FromResult(GovernanceViews.Users(S));

    public Task<DirectoryUser?> GetUserAsync(UserId user) =>
        Task.FromResult(S.Users.TryGetValue(user.Value ?? "", out var found) ? GovernanceViews.User(user.Value!, found) : null);

    public Task<Change<DirectoryUser>> CreateUserAsync(DirectoryUser user) => CommitAsync(Changes.CreateUser(user));

    public Task<Change<DirectoryUser>> ReplaceUserAsync(DirectoryUser user) => CommitAsync(Changes.ReplaceUser(user));

    public Task<Change<DirectoryUser>> SetUserEnabledAsync(UserId user, bool enabled) => CommitAsync(Changes.SetUserEnabled(user, enabled));

    public async Task<Change<DirectoryUser>> DeleteUserAsync(UserId user)
    {
        // Credentials first: if one cannot be revoked or purged, the user still exists and the delete can be retried.
        await RevokeKeysAsync(Rules.ExistingUser(user).ApiKeyIds);
        await GrainFactory.GetUserConnectionGrain(Tenant, user).PurgeAsync();
        await GrainFactory.GetOAuthGrantsGrain(Tenant, user).RevokeAsync(clientId: null);
        return await CommitAsync(Changes.DeleteUser(user));
    }

    public Task<IReadOnlyList<DirectoryGroup>> GetGroupsAsync() => Task.FromResult(GovernanceViews.Groups(S));

    public Task<Change<DirectoryGroup>> CreateGroupAsync(DirectoryGroup group) => CommitAsync(Changes.CreateGroup(group));

    public Task<Change<DirectoryGroup>> ReplaceGroupAsync(DirectoryGroup group) => CommitAsync(Changes.ReplaceGroup(group));

    public Task<Change<DirectoryGroup>> DeleteGroupAsync(string name) => CommitAsync(Changes.DeleteGroup(name));

    public async Task<IssuedApiKey> IssueApiKeyAsync(UserId user, ApiKeyIssue issue)
    {
        var owner = Rules.KeyOwner(user, issue);
        var keyId = ApiKeyToken.NewKeyId();
        var key = GrainFactory.GetApiKeyGrain(Tenant, keyId);
        var issued = await key.IssueAsync(user, issue);
        owner.ApiKeyIds.Add(keyId);
        try
        {
            // Grants are unchanged: stored, nothing to publish.
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
        var keys = await Task.WhenAll(Rules.ExistingUser(user).ApiKeyIds.Select(id => GrainFactory.GetApiKeyGrain(Tenant, id).GetAsync()));
        return [.. keys.OfType<ApiKeyView>()];
    }

    public async Task<Change<ApiKeyView>> RevokeApiKeyAsync(UserId user, string keyId)
    {
        Rules.OwnsKey(user, keyId);
        var key = GrainFactory.GetApiKeyGrain(Tenant, keyId);
        var missing = new NotFoundException($"User '{user}' has no API key {Echo.Quote(keyId)}.");
        var before = await key.GetAsync() ?? throw missing;
        return new(before, await key.RevokeAsync() ?? throw missing);
    }

    public Task<TenantSecuritySettings> GetSecuritySettingsAsync() => Task.FromResult(S.Security);

    /// <summary>Grants are unchanged: stored, nothing to publish.</summary>
    public async Task<Change<TenantSecuritySettings>> SetSecuritySettingsAsync(TenantSecuritySettings settings)
    {
        var change = Changes.SetSecurity(settings);
        await WriteOrForgetAsync();
        return change;
    }

    public async Task<AccountMatch> MatchConnectingAccountAsync(UserId user, ConnectingAccount account, bool matchedBySignIn)
    {
        var (match, bound) = Changes.MatchAccount(user, account, matchedBySignIn);
        if (bound)
        {
            // Grants are unchanged; the binding must be stored before the account is connected.
            await WriteOrForgetAsync();
        }

        return match;
    }

    /// <summary>
    /// Stores the change already made in memory, then pushes each registered user's new policy where its grants
    /// changed. Stored first, so a user grain that activates meanwhile fetches the new policy; pushed before returning,
    /// so the change is in force on every silo when the admin's call returns. Answers how many users' grains have not
    /// confirmed their policy: they are retried every second, from stored state if this activation ends.
    /// </summary>
    private async Task<int> CommitAsync()
    {
        S.Version++;
        policies = null;
        await WriteOrForgetAsync();
        await Registered.RecordPushesAsync(await Publisher.PublishAsync([.. Registered.All], Policies.For));
        RetryWhileUnconfirmed();
        return Publisher.UnconfirmedCount;
    }

    private async Task<Change<T>> CommitAsync<T>(Change<T> change) => change with { UnconfirmedUsers = await CommitAsync() };

    /// <summary>
    /// Commits after keeping the definitions the approvals cover in the platform's archive, so the tenant's state holds
    /// only their hashes (a definition's text is the same for every tenant) and a re-review can still show the text.
    /// </summary>
    private async Task<int> CommitApprovalsAsync()
    {
        var approved = toolSource.Tools
            .Where(tool => tool.Definition is not null && S.Tools.TryGetValue(tool.Name, out var governed) && governed.ApprovedDefinitionHash == tool.DefinitionHash)
            .ToDictionary(tool => tool.DefinitionHash, tool => tool.Definition!, StringComparer.Ordinal);
        if (approved.Count > 0)
        {
            await OrForgetAsync(() => GrainFactory.GetToolDefinitionArchiveGrain().KeepAsync(approved));
        }

        return await CommitAsync();
    }

    private void RetryWhileUnconfirmed()
    {
        if (Publisher.UnconfirmedCount > 0)
        {
            // Kept alive while it retries: the set is stored too, but only an activation pushes.
            retryTimer ??= this.RegisterGrainTimer(RetryUnconfirmedAsync, new GrainTimerCreationOptions(RetryPeriod, RetryPeriod) { KeepAlive = true });
        }
    }

    private async Task RetryUnconfirmedAsync(CancellationToken cancellationToken)
    {
        await Registered.RecordPushesAsync(await Publisher.RetryAsync(Policies.For));
        if (Publisher.UnconfirmedCount == 0)
        {
            retryTimer?.Dispose();
            retryTimer = null;
        }
    }

    private async Task RevokeKeysAsync(IEnumerable<string> keyIds)
    {
        foreach (var keyId in keyIds.ToList())
        {
            await GrainFactory.GetApiKeyGrain(Tenant, keyId).RevokeAsync();
        }
    }

    private string? CurrentDefinition(string tool) => toolSource.Tools.FirstOrDefault(offered => offered.Name == tool)?.Definition;

    private Task ApplyPolicyAsync(string user, EffectiveToolPolicy policy) =>
        GrainFactory.GetUserConnectionGrain(Tenant, UserId.TryParseStored(user, out var id) ? id : throw new InvalidOperationException($"Stored user id '{user}' is invalid."))
            .ApplyPolicyAsync(policy);

    private Task WriteOrForgetAsync() => OrForgetAsync(() => state.WriteStateAsync());

    /// <summary>A failed step of a commit must not leave unsaved changes in this activation: the next call reloads from storage.</summary>
    private async Task OrForgetAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch
        {
            policies = null;
            Publisher.Reset();
            DeactivateOnIdle();
            throw;
        }
    }
}
