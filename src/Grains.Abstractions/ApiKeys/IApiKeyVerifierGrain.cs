using Orleans.Concurrency;

namespace Platform.Grains.ApiKeys;

/// <summary>
/// Checks presented keys of one tenant (key: <see cref="GrainKeys.ForTenant"/>). It keeps the credential of each key in
/// use, so a busy key costs one activation per tenant instead of one per key; a key's grain makes it forget the
/// credential when the key is revoked.
/// </summary>
[Alias("Platform.IApiKeyVerifierGrain")]
public interface IApiKeyVerifierGrain : IGrainWithStringKey
{
    /// <summary>
    /// Who a presented key (its id and its SHA-256) authenticates, who issued it and what it opens; null when it is
    /// unknown, wrong, expired or revoked.
    /// </summary>
    [AlwaysInterleave, Alias("Verify"), Idempotent, ResponseTimeout(IdempotentAttribute.LookupTimeout)]
    Task<ApiKeyIdentity?> VerifyAsync(string keyId, byte[] tokenHash);

    /// <summary>Drops what is known of a key, so the next check reads its grain again.</summary>
    [AlwaysInterleave, Alias("Forget")]
    Task ForgetAsync(string keyId);
}
