using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Grains.ApiKeys;

public sealed class ApiKeyGrain(
    [PersistentState("apikey", StorageNames.Platform)] IPersistentState<ApiKeyState> state,
    TimeProvider time) : Grain, IApiKeyGrain
{
    private const int MaxNameLength = 100;

    private (TenantId Tenant, string KeyId) Key => GrainKeys.ParseApiKey(this.GetPrimaryKeyString());

    private string KeyId => Key.KeyId;

    public async Task<IssuedApiKey> IssueAsync(UserId user, ApiKeyIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var trimmed = issue.Name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new InvalidRequestException(nameof(ApiKeyView.Name), $"An API key's name is 1 to {MaxNameLength} characters.");
        }

        var now = time.GetUtcNow();
        if (issue.ExpiresAt <= now)
        {
            throw new InvalidRequestException(nameof(ApiKeyView.ExpiresAt), "An API key's expiry must be in the future.");
        }

        if (user.IsSharedConnection || user.Value is null)
        {
            throw new InvalidRequestException(nameof(ApiKeyView.User), "An API key belongs to a real user.");
        }

        if (state.RecordExists)
        {
            throw new ApiKeyAlreadyExistsException(ApiKeyToken.PrefixOf(KeyId));
        }

        var token = ApiKeyToken.Format(KeyId, ApiKeyToken.NewSecret());
        state.State = new ApiKeyState
        {
            User = user.Value,
            Name = trimmed,
            TokenHash = ApiKeyToken.Hash(token),
            CreatedAt = now,
            ExpiresAt = issue.ExpiresAt,
            IssuedBy = issue.IssuedBy,
            Scopes = Scopes(issue.Scopes),
        };
        await state.WriteStateAsync();
        return new IssuedApiKey(token, ToView());
    }

    public Task<ApiKeyCredential?> GetCredentialAsync()
    {
        // The verifier keeps what it asked for; this activation has nothing more to do until the key changes.
        this.DeactivateOnIdle();
        if (!state.RecordExists)
        {
            return Task.FromResult<ApiKeyCredential?>(null);
        }

        var identity = new ApiKeyIdentity(UserId.Parse(state.State.User), IssuedBy, StoredScopes);
        return Task.FromResult<ApiKeyCredential?>(new(state.State.TokenHash, state.State.ExpiresAt, state.State.RevokedAt is not null, identity));
    }

    public async Task<ApiKeyView?> RevokeAsync()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        if (state.State.RevokedAt is null)
        {
            state.State.RevokedAt = time.GetUtcNow();
            await state.WriteStateAsync();
        }

        // Also when it was revoked already: a revocation retried after this call failed must still reach the verifier.
        var (tenant, keyId) = Key;
        await GrainFactory.GetApiKeyVerifierGrain(tenant).ForgetAsync(keyId);
        return ToView();
    }

    public Task<ApiKeyView?> GetAsync() => Task.FromResult(state.RecordExists ? ToView() : null);

    private ApiKeyView ToView() => new(
        KeyId,
        ApiKeyToken.PrefixOf(KeyId),
        UserId.Parse(state.State.User),
        state.State.Name,
        state.State.CreatedAt,
        state.State.ExpiresAt,
        state.State.RevokedAt,
        IssuedBy,
        StoredScopes);

    private string IssuedBy => state.State.IssuedBy ?? ApiKeyIssuers.Unrecorded;

    private IReadOnlyList<string> StoredScopes => state.State.Scopes ?? ApiKeyScopes.Default;

    /// <summary>Known scopes, each once, in a fixed order; none named means the default.</summary>
    private static List<string> Scopes(IReadOnlyList<string>? requested)
    {
        if (requested is null || requested.Count == 0)
        {
            return [.. ApiKeyScopes.Default];
        }

        if (requested.FirstOrDefault(scope => !ApiKeyScopes.All.Contains(scope)) is { } unknown)
        {
            throw new InvalidRequestException(nameof(ApiKeyView.Scopes), $"{Echo.Quote(unknown)} is not a key scope; use {string.Join(" or ", ApiKeyScopes.All)}.");
        }

        return [.. ApiKeyScopes.All.Where(requested.Contains)];
    }
}
