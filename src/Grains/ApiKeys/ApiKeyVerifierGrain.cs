using Platform.Grains.Identity;

namespace Platform.Grains.ApiKeys;

/// <summary>
/// Keeps, for one tenant, the credential of each key presented, read once from the key's grain (which then leaves
/// memory). Unknown key ids are not kept, so guessing cannot fill it. A read in flight is shared; forgetting a key
/// drops that read too, so a revocation that lands while its credential is being read is never overwritten by it.
/// </summary>
public sealed class ApiKeyVerifierGrain(TimeProvider time) : Grain, IApiKeyVerifierGrain
{
    private readonly Dictionary<string, ApiKeyCredential> credentials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<ApiKeyCredential?>> reads = new(StringComparer.Ordinal);

    private TenantId Tenant => GrainKeys.ParseTenant(this.GetPrimaryKeyString());

    public async Task<ApiKeyIdentity?> VerifyAsync(string keyId, byte[] tokenHash)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        if (!ApiKeyToken.IsKeyId(keyId))
        {
            return null;
        }

        if (!credentials.TryGetValue(keyId, out var credential))
        {
            credential = await ReadAsync(keyId);
        }

        return credential?.Verify(tokenHash, time.GetUtcNow());
    }

    public Task ForgetAsync(string keyId)
    {
        credentials.Remove(keyId);
        reads.Remove(keyId);
        return Task.CompletedTask;
    }

    private async Task<ApiKeyCredential?> ReadAsync(string keyId)
    {
        if (!reads.TryGetValue(keyId, out var read))
        {
            read = GrainFactory.GetApiKeyGrain(Tenant, keyId).GetCredentialAsync();
            reads[keyId] = read;
        }

        try
        {
            var credential = await read;
            // Kept only if no revocation made this read stale while it ran.
            if (credential is not null && reads.TryGetValue(keyId, out var current) && current == read)
            {
                credentials[keyId] = credential;
            }

            return credential;
        }
        finally
        {
            if (reads.TryGetValue(keyId, out var current) && current == read)
            {
                reads.Remove(keyId);
            }
        }
    }
}
