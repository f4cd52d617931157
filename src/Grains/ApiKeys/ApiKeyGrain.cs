using System.Security.Cryptography;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Grains.ApiKeys;

public sealed class ApiKeyGrain(
    [PersistentState("apikey", StorageNames.Platform)] IPersistentState<ApiKeyState> state,
    TimeProvider time) : Grain, IApiKeyGrain
{
    private const int MaxNameLength = 100;

    private string KeyId => GrainKeys.ParseApiKey(this.GetPrimaryKeyString()).KeyId;

    public async Task<IssuedApiKey> IssueAsync(UserId user, string name, DateTimeOffset? expiresAt)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new InvalidRequestException(nameof(ApiKeyView.Name), $"An API key's name is 1 to {MaxNameLength} characters.");
        }

        var now = time.GetUtcNow();
        if (expiresAt <= now)
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
            ExpiresAt = expiresAt,
        };
        await state.WriteStateAsync();
        return new IssuedApiKey(token, ToView());
    }

    public Task<UserId?> VerifyAsync(byte[] tokenHash)
    {
        var valid = state.RecordExists
            && state.State.RevokedAt is null
            && (state.State.ExpiresAt is not { } expiry || time.GetUtcNow() < expiry)
            && CryptographicOperations.FixedTimeEquals(tokenHash, state.State.TokenHash);
        return Task.FromResult<UserId?>(valid ? UserId.Parse(state.State.User) : null);
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
        state.State.RevokedAt);
}
