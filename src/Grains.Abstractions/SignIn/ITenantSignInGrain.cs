using Orleans.Concurrency;

namespace Platform.Grains.SignIn;

/// <summary>
/// How a tenant signs its people in, and the parts of signing in that need the tenant's secrets: exchanging the code at
/// Atlassian or at the tenant's identity provider and matching the identity to a directory user (provisioning it
/// when the tenant wants). Secrets never leave the silo. Key: <see cref="GrainKeys.ForTenant"/>.
/// </summary>
[Alias("Platform.ITenantSignInGrain")]
public interface ITenantSignInGrain : IGrainWithStringKey
{
    [Alias("GetSettings"), AlwaysInterleave]
    Task<SignInSettingsView> GetSettingsAsync();

    /// <summary>Validates and stores the settings (the default group must exist when provisioning is on).</summary>
    [Alias("SetSettings")]
    Task<SignInSettingsView> SetSettingsAsync(SignInSettings settings);

    [Alias("SetOidcClientSecret")]
    Task<SignInSettingsView> SetOidcClientSecretAsync(string clientSecret);

    /// <summary>Atlassian's authorize URL for signing in with the tenant's app, carrying <paramref name="state"/>.</summary>
    [Alias("CreateAtlassianSignInUrl")]
    Task<Uri> CreateAtlassianSignInUrlAsync(string state);

    /// <summary>
    /// Exchanges Atlassian's code, reads the account and maps it to a directory user; for a per-user OAuth tenant the
    /// same grant becomes that user's Confluence connection.
    /// </summary>
    [Alias("CompleteAtlassianSignIn")]
    Task<SignInOutcome> CompleteAtlassianSignInAsync(string code);

    /// <summary>The identity provider's authorize URL (from its discovery document) for <paramref name="request"/>.</summary>
    [Alias("CreateOidcSignInUrl")]
    Task<Uri> CreateOidcSignInUrlAsync(OidcSignInRequest request);

    /// <summary>Exchanges the provider's code, validates its signed ID token and maps the identity to a directory user.</summary>
    [Alias("CompleteOidcSignIn")]
    Task<SignInOutcome> CompleteOidcSignInAsync(OidcSignInRequest request, string code);
}
