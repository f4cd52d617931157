using Orleans.Concurrency;
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
    /// Who a presented key (by its SHA-256) authenticates, who issued it and what it opens; null when it is unknown,
    /// wrong, expired or revoked.
    /// </summary>
    [AlwaysInterleave, Alias("Verify"), Idempotent, ResponseTimeout(IdempotentAttribute.LookupTimeout)]
    Task<ApiKeyIdentity?> VerifyAsync(byte[] tokenHash);

    [Alias("Revoke")]
    Task<ApiKeyView?> RevokeAsync();

    [Alias("Get")]
    Task<ApiKeyView?> GetAsync();
}
