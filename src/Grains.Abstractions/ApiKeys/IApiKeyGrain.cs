using Platform.Grains.Identity;

namespace Platform.Grains.ApiKeys;

/// <summary>One API key of one tenant. Key: <see cref="GrainKeys.ForApiKey"/>, so a key id looked up under another tenant finds nothing.</summary>
[Alias("Platform.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Creates the key; the returned token is the only time the secret exists outside a hash.</summary>
    [Alias("Issue")]
    Task<IssuedApiKey> IssueAsync(UserId user, ApiKeyIssue issue);

    /// <summary>
    /// The stored credential, null when there is no such key; for <see cref="IApiKeyVerifierGrain"/>, which keeps it,
    /// so this grain leaves memory once it has answered.
    /// </summary>
    [Alias("GetCredential"), Idempotent, ResponseTimeout(IdempotentAttribute.LookupTimeout)]
    Task<ApiKeyCredential?> GetCredentialAsync();

    [Alias("Revoke")]
    Task<ApiKeyView?> RevokeAsync();

    [Alias("Get")]
    Task<ApiKeyView?> GetAsync();
}
