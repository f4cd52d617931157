namespace Platform.Grains.OAuth;

/// <summary>
/// A tenant's OAuth clients (pre-registered by admins and dynamically registered) and its client policy. Clients known by
/// a metadata document URL are not stored here: the Api fetches and caches their documents. Key: <see cref="GrainKeys.ForTenant"/>.
/// </summary>
[Alias("Platform.IOAuthClientRegistryGrain")]
public interface IOAuthClientRegistryGrain : IGrainWithStringKey
{
    [Alias("GetPolicy")]
    Task<OAuthClientPolicy> GetPolicyAsync();

    [Alias("SetPolicy")]
    Task<OAuthClientPolicy> SetPolicyAsync(OAuthClientPolicy policy);

    [Alias("Find")]
    Task<OAuthClientEntry?> FindAsync(string clientId);

    [Alias("List")]
    Task<IReadOnlyList<OAuthClientEntry>> ListAsync();

    /// <summary>Stores a new client; refused when the id is taken or the tenant holds too many dynamically registered clients.</summary>
    [Alias("Register")]
    Task RegisterAsync(OAuthClientEntry client);

    [Alias("Update")]
    Task<string> UpdateAsync(OAuthClientEntry client, string expectedConcurrencyToken);

    /// <summary>Removes the client; its tokens stop working because the Api no longer finds it.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(string clientId);
}
