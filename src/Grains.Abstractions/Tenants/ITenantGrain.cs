using Orleans.Concurrency;
using Platform.Grains.Connections;
using Platform.Grains.Identity;

namespace Platform.Grains.Tenants;

/// <summary>
/// One tenant of the platform: its registration and lifecycle. A change answers its <see cref="Change{T}"/>, the tenant
/// or integration before and after. Refusals: <see cref="Refusals.InvalidRequestException"/>,
/// <see cref="Refusals.NotFoundException"/> (never created, or deleted), <see cref="Refusals.ConflictException"/>.
/// Key: <see cref="GrainKeys.ForTenant"/>.
/// </summary>
[Alias("Platform.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Registers the tenant; fails with <see cref="TenantAlreadyExistsException"/> if it exists.</summary>
    [Alias("Create")]
    Task<TenantDetails> CreateAsync(string displayName);

    /// <summary>The tenant, or null when it was never created.</summary>
    [Alias("Get")]
    Task<TenantDetails?> GetAsync();

    /// <summary>Activates AI access management: the tenant's endpoint starts serving. Only from <see cref="TenantStatus.Created"/>.</summary>
    [Alias("Activate")]
    Task<Change<TenantDetails>> ActivateAsync();

    /// <summary>The tenant-wide kill switch: every user loses every tool before this returns.</summary>
    [Alias("Suspend")]
    Task<Change<TenantDetails>> SuspendAsync();

    [Alias("Resume")]
    Task<Change<TenantDetails>> ResumeAsync();

    /// <summary>
    /// Ends the tenant for good: every user loses every tool and every API key, then the client secret, the
    /// service-account token, the shared connection and every user's Atlassian tokens are deleted. The id stays taken
    /// (a new tenant under it would inherit its audit log, directory and OAuth issuer). Repeating it finishes a delete
    /// that failed part way.
    /// </summary>
    [Alias("Delete")]
    Task<Change<TenantDetails>> DeleteAsync();

    /// <summary>Sets the Confluence integration. Changing the scopes sends every connected user back to consent
    /// and re-runs tool discovery.</summary>
    [Alias("ConfigureIntegration")]
    Task<Change<IntegrationView>> ConfigureIntegrationAsync(IntegrationSettings settings);

    /// <summary>Sets or rotates the OAuth client secret (write-only). New token requests use it at once.</summary>
    [Alias("SetClientSecret")]
    Task<Change<IntegrationView>> SetClientSecretAsync(string clientSecret);

    /// <summary>Sets or rotates the service account's API token (write-only), for shared credentials.</summary>
    [Alias("SetServiceAccountToken")]
    Task<Change<IntegrationView>> SetServiceAccountTokenAsync(string apiToken);

    /// <summary>A pure read that interleaves, so governance may ask while this tenant is waiting on governance.</summary>
    [Alias("GetIntegration"), AlwaysInterleave, Idempotent]
    Task<IntegrationView?> GetIntegrationAsync();

    /// <summary>
    /// For per-user grains: the app registration with its secrets still sealed (a conflict until registered; not found
    /// once the tenant is deleted). A pure read that interleaves, so a user
    /// grain refreshing a token never waits behind (or deadlocks with) a tenant change that is calling users.
    /// </summary>
    [Alias("GetOAuthApp"), AlwaysInterleave, Idempotent]
    Task<OAuthAppRegistration> GetOAuthAppAsync();

    /// <summary>
    /// Proves the integration's credentials with a real request to Atlassian: for OAuth modes a token request with the
    /// client id and secret (Atlassian checks the client before the code it is given), for the shared API token a call
    /// to the site as the service account. Changes nothing.
    /// </summary>
    [Alias("TestIntegration")]
    Task<IntegrationCheck> TestIntegrationAsync();

    /// <summary>How many users hold a live Atlassian connection now.</summary>
    [Alias("CountConnectedUsers"), AlwaysInterleave]
    Task<int> CountConnectedUsersAsync();

    /// <summary>Per-user grains report connects and disconnects, so a scope change can reach every connected user.</summary>
    [Alias("RecordConnection")]
    Task RecordConnectionAsync(UserId user, bool connected);
}
