using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's directory users, their API keys and the tenant's identity rules, each change recorded in the tenant's
/// audit log. Disabling a user is the per-user kill switch. An issued token appears only in the answer to issuing it,
/// never in the audit; the key records who issued it.
/// </summary>
public sealed class DirectoryAdmin(IGrainFactory grains, AdminAuditTrail audit)
{
    public async Task<IReadOnlyList<UserResponse>> GetUsersAsync(TenantId tenant) =>
        [.. (await Governance(tenant).GetUsersAsync()).Select(UserResponse.From)];

    public async Task<UserResponse> GetUserAsync(TenantId tenant, UserId user) =>
        await Governance(tenant).GetUserAsync(user) is { } found ? UserResponse.From(found) : throw new NotFoundException($"There is no user '{user}'.");

    public async Task<PolicyChangeResponse<UserResponse>> CreateUserAsync(AdminActor actor, TenantId tenant, UserRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = UserId.TryParse(request.Id, out var id) ? id : throw new InvalidRequestException(nameof(request.Id), UserId.Rule);
        return await ApplyAsync(actor, tenant, "user.create", user, () => Governance(tenant).CreateUserAsync(ToUser(user, request)));
    }

    public Task<PolicyChangeResponse<UserResponse>> ReplaceUserAsync(AdminActor actor, TenantId tenant, UserId user, UserRequest request) =>
        ApplyAsync(actor, tenant, "user.replace", user, () => Governance(tenant).ReplaceUserAsync(ToUser(user, request)));

    public Task<PolicyChangeResponse<UserResponse>> SetUserEnabledAsync(AdminActor actor, TenantId tenant, UserId user, bool enabled) =>
        ApplyAsync(actor, tenant, enabled ? "user.enable" : "user.disable", user, () => Governance(tenant).SetUserEnabledAsync(user, enabled));

    /// <summary>
    /// Revokes the user's keys, deletes their Atlassian tokens, pending connect links and OAuth grants, and removes them
    /// from groups and profiles: an id reused later starts clean.
    /// </summary>
    public Task<PolicyChangeResponse<UserResponse>> DeleteUserAsync(AdminActor actor, TenantId tenant, UserId user) =>
        ApplyAsync(actor, tenant, "user.delete", user, () => Governance(tenant).DeleteUserAsync(user));

    public async Task<IReadOnlyList<ApiKeyResponse>> GetApiKeysAsync(TenantId tenant, UserId user) =>
        [.. (await Governance(tenant).GetApiKeysAsync(user)).Select(ApiKeyResponse.From)];

    /// <summary>Issued by the actor (the operator, or the admin themselves): the key records it, and so does every audit row made with it.</summary>
    public async Task<IssuedApiKeyResponse> IssueApiKeyAsync(AdminActor actor, TenantId tenant, UserId user, ApiKeyRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        IssuedApiKey? issued = null;
        // The request names the user; the outcome, the key's prefix. The token itself is in the answer only.
        var key = await audit.ApplyAsync(actor, tenant, "api-key.issue", user.Value, async () =>
        {
            issued = await Governance(tenant).IssueApiKeyAsync(user, new ApiKeyIssue(request.Name ?? "", request.ExpiresAt, request.Scopes ?? ApiKeyScopes.Default, actor.Issuer));
            return new Change<ApiKeyResponse>(null, ApiKeyResponse.From(issued.Key));
        }, made => made.After!.Prefix);
        return new IssuedApiKeyResponse(issued!.Token, key.After!);
    }

    public async Task<ApiKeyResponse> RevokeApiKeyAsync(AdminActor actor, TenantId tenant, UserId user, string keyId)
    {
        if (!ApiKeyToken.IsKeyId(keyId))
        {
            throw new InvalidRequestException(nameof(keyId), "An API key id is 16 lowercase hex digits (the part after 'cfk_' in its prefix).");
        }

        var change = await audit.ApplyAsync(actor, tenant, "api-key.revoke", ApiKeyToken.PrefixOf(keyId),
            async () => (await Governance(tenant).RevokeApiKeyAsync(user, keyId)).Select(ApiKeyResponse.From));
        return change.After!;
    }

    public Task<TenantSecuritySettings> GetSecuritySettingsAsync(TenantId tenant) => Governance(tenant).GetSecuritySettingsAsync();

    public async Task<TenantSecuritySettings> SetSecuritySettingsAsync(AdminActor actor, TenantId tenant, SecuritySettingsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = new TenantSecuritySettings(
            request.UnmatchedAccounts ?? throw new InvalidRequestException(nameof(request.UnmatchedAccounts), "Use Refuse or BindOnFirstConnect."),
            request.RequireSelfIssuedKeys ?? throw new InvalidRequestException(nameof(request.RequireSelfIssuedKeys), "Say true or false."));
        return (await audit.ApplyAsync(actor, tenant, "security.settings", tenant.Value, () => Governance(tenant).SetSecuritySettingsAsync(settings))).After!;
    }

    private static DirectoryUser ToUser(UserId user, UserRequest request) =>
        new(user, request.ExternalId, request.Email, request.Enabled ?? true, request.Role ?? DirectoryRole.Member, request.AtlassianAccountId);

    private ITenantGovernanceGrain Governance(TenantId tenant) => grains.GetTenantGovernanceGrain(tenant);

    /// <summary>Records the change and answers the user as they are now, or as they were when the change deleted them.</summary>
    private async Task<PolicyChangeResponse<UserResponse>> ApplyAsync(AdminActor actor, TenantId tenant, string action, UserId user, Func<Task<Change<DirectoryUser>>> change)
    {
        var made = await audit.ApplyAsync(actor, tenant, action, user.Value, async () => (await change()).Select(UserResponse.From));
        return made.After is null ? PolicyChangeResponse.Before(made) : PolicyChangeResponse.After(made);
    }
}
