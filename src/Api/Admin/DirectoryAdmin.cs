using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's directory users and their API keys, each change recorded in the tenant's audit log. Disabling a user is
/// the per-user kill switch. An issued token appears only in the answer to issuing it, never in the audit.
/// </summary>
public sealed class DirectoryAdmin(IGrainFactory grains, AdminAuditTrail audit)
{
    public async Task<IReadOnlyList<UserResponse>> GetUsersAsync(TenantId tenant) =>
        [.. (await Governance(tenant).GetUsersAsync()).Select(UserResponse.From)];

    public async Task<UserResponse> GetUserAsync(TenantId tenant, UserId user) =>
        await Governance(tenant).GetUserAsync(user) is { } found ? UserResponse.From(found) : throw new NotFoundException($"There is no user '{user}'.");

    public async Task<UserResponse> CreateUserAsync(AdminActor actor, TenantId tenant, UserRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = UserId.TryParse(request.Id, out var id) ? id : throw new InvalidRequestException(nameof(request.Id), UserId.Rule);
        var created = await audit.ApplyAsync(actor, tenant, "user.create", user.Value,
            async () => new Change<UserResponse>(null, UserResponse.From(await Governance(tenant).CreateUserAsync(ToUser(user, request)))));
        return created.After!;
    }

    public async Task<UserResponse> ReplaceUserAsync(AdminActor actor, TenantId tenant, UserId user, UserRequest request) =>
        await ApplyAsync(actor, tenant, "user.replace", user, () => Governance(tenant).ReplaceUserAsync(ToUser(user, request)));

    public async Task<UserResponse> SetUserEnabledAsync(AdminActor actor, TenantId tenant, UserId user, bool enabled) =>
        await ApplyAsync(actor, tenant, enabled ? "user.enable" : "user.disable", user, () => Governance(tenant).SetUserEnabledAsync(user, enabled));

    /// <summary>Revokes the user's keys and removes them from groups and profiles.</summary>
    public async Task DeleteUserAsync(AdminActor actor, TenantId tenant, UserId user) =>
        await ApplyAsync(actor, tenant, "user.delete", user, () => Governance(tenant).DeleteUserAsync(user));

    public async Task<IReadOnlyList<ApiKeyResponse>> GetApiKeysAsync(TenantId tenant, UserId user) =>
        [.. (await Governance(tenant).GetApiKeysAsync(user)).Select(ApiKeyResponse.From)];

    public async Task<IssuedApiKeyResponse> IssueApiKeyAsync(AdminActor actor, TenantId tenant, UserId user, ApiKeyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IssuedApiKey? issued = null;
        // The request names the user; the outcome, the key's prefix. The token itself is in the answer only.
        var key = await audit.ApplyAsync(actor, tenant, "api-key.issue", user.Value, async () =>
        {
            issued = await Governance(tenant).IssueApiKeyAsync(user, request.Name ?? "", request.ExpiresAt);
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

    private static DirectoryUser ToUser(UserId user, UserRequest request) =>
        new(user, request.ExternalId, request.Email, request.Enabled ?? true, request.Role ?? DirectoryRole.Member);

    private ITenantGovernanceGrain Governance(TenantId tenant) => grains.GetTenantGovernanceGrain(tenant);

    private async Task<UserResponse> ApplyAsync(AdminActor actor, TenantId tenant, string action, UserId user, Func<Task<Change<DirectoryUser>>> change) =>
        (await audit.ApplyAsync(actor, tenant, action, user.Value, async () => (await change()).Select(UserResponse.From))).After!;
}
