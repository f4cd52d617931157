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
        var created = UserResponse.From(await Governance(tenant).CreateUserAsync(ToUser(user, request)));
        await audit.RecordAsync(actor, tenant, "user.create", user.Value, new Change<UserResponse>(null, created));
        return created;
    }

    public async Task<UserResponse> ReplaceUserAsync(AdminActor actor, TenantId tenant, UserId user, UserRequest request) =>
        await RecordAsync(actor, tenant, "user.replace", user, await Governance(tenant).ReplaceUserAsync(ToUser(user, request)));

    public async Task<UserResponse> SetUserEnabledAsync(AdminActor actor, TenantId tenant, UserId user, bool enabled) =>
        await RecordAsync(actor, tenant, enabled ? "user.enable" : "user.disable", user, await Governance(tenant).SetUserEnabledAsync(user, enabled));

    /// <summary>Revokes the user's keys and removes them from groups and profiles.</summary>
    public async Task DeleteUserAsync(AdminActor actor, TenantId tenant, UserId user) =>
        await RecordAsync(actor, tenant, "user.delete", user, await Governance(tenant).DeleteUserAsync(user));

    public async Task<IReadOnlyList<ApiKeyResponse>> GetApiKeysAsync(TenantId tenant, UserId user) =>
        [.. (await Governance(tenant).GetApiKeysAsync(user)).Select(ApiKeyResponse.From)];

    public async Task<IssuedApiKeyResponse> IssueApiKeyAsync(AdminActor actor, TenantId tenant, UserId user, ApiKeyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issued = await Governance(tenant).IssueApiKeyAsync(user, request.Name ?? "", request.ExpiresAt);
        var key = ApiKeyResponse.From(issued.Key);
        await audit.RecordAsync(actor, tenant, "api-key.issue", key.Prefix, new Change<ApiKeyResponse>(null, key));
        return new IssuedApiKeyResponse(issued.Token, key);
    }

    public async Task<ApiKeyResponse> RevokeApiKeyAsync(AdminActor actor, TenantId tenant, UserId user, string keyId)
    {
        if (!ApiKeyToken.IsKeyId(keyId))
        {
            throw new InvalidRequestException(nameof(keyId), "An API key id is 16 lowercase hex digits (the part after 'cfk_' in its prefix).");
        }

        var change = (await Governance(tenant).RevokeApiKeyAsync(user, keyId)).Select(ApiKeyResponse.From);
        return (await audit.RecordAsync(actor, tenant, "api-key.revoke", change.After!.Prefix, change)).After!;
    }

    private static DirectoryUser ToUser(UserId user, UserRequest request) =>
        new(user, request.ExternalId, request.Email, request.Enabled ?? true, request.Role ?? DirectoryRole.Member);

    private ITenantGovernanceGrain Governance(TenantId tenant) => grains.GetTenantGovernanceGrain(tenant);

    private async Task<UserResponse> RecordAsync(AdminActor actor, TenantId tenant, string action, UserId user, Change<DirectoryUser> change) =>
        (await audit.RecordAsync(actor, tenant, action, user.Value, change.Select(UserResponse.From))).After!;
}
