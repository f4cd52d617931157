using Platform.Grains.ApiKeys;
using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Health;
using Platform.Grains.Identity;
using Platform.Grains.OAuth;
using Platform.Grains.RateLimits;
using Platform.Grains.Security;
using Platform.Grains.SignIn;
using Platform.Grains.Tenants;

namespace Platform.Grains;

/// <summary>
/// The one place grain keys are built and parsed. Ids are validated types, so a key can never
/// smuggle a separator or another tenant's prefix.
/// </summary>
public static class GrainKeys
{
    private const char Separator = '/';

    /// <summary>The key of platform-wide singletons (not tenant data).</summary>
    public const string Platform = "~platform";

    public static string ForTenant(TenantId tenant) => tenant.Value;

    public static string ForUser(TenantId tenant, UserId user) => string.Concat(tenant.Value, Separator.ToString(), user.Value);

    public static string ForApiKey(TenantId tenant, string keyId) =>
        ApiKeyToken.IsKeyId(keyId)
            ? string.Concat(tenant.Value, Separator.ToString(), keyId)
            : throw new ArgumentException("An API key id is 16 lowercase hex digits.", nameof(keyId));

    public static (TenantId Tenant, string KeyId) ParseApiKey(string key)
    {
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && ApiKeyToken.IsKeyId(key[(at + 1)..])
            ? (TenantId.Parse(key[..at]), key[(at + 1)..])
            : throw new ArgumentException($"An API key grain key has the form 'tenant{Separator}keyid'.", nameof(key));
    }

    public static TenantId ParseTenant(string key) => TenantId.Parse(key);

    public static (TenantId Tenant, UserId User) ParseUser(string key)
    {
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ArgumentException($"A per-user grain key has the form 'tenant{Separator}user'.", nameof(key));
        }

        return UserId.TryParseStored(key[(at + 1)..], out var user)
            ? (TenantId.Parse(key[..at]), user)
            : throw new ArgumentException("The user part of a per-user grain key is not a user id.", nameof(key));
    }

    public static ITenantGrain GetTenantGrain(this IGrainFactory grains, TenantId tenant) =>
        GrainReferences<ITenantGrain>.Get(grains, ForTenant(tenant));

    public static ITenantRegistryGrain GetTenantRegistryGrain(this IGrainFactory grains) =>
        GrainReferences<ITenantRegistryGrain>.Get(grains, Platform);

    public static IToolDefinitionArchiveGrain GetToolDefinitionArchiveGrain(this IGrainFactory grains) =>
        GrainReferences<IToolDefinitionArchiveGrain>.Get(grains, Platform);

    public static ITenantRateLimitGrain GetTenantRateLimitGrain(this IGrainFactory grains, TenantId tenant) =>
        GrainReferences<ITenantRateLimitGrain>.Get(grains, ForTenant(tenant));

    public static ITenantGovernanceGrain GetTenantGovernanceGrain(this IGrainFactory grains, TenantId tenant) =>
        GrainReferences<ITenantGovernanceGrain>.Get(grains, ForTenant(tenant));

    public static IApiKeyGrain GetApiKeyGrain(this IGrainFactory grains, TenantId tenant, string keyId) =>
        GrainReferences<IApiKeyGrain>.Get(grains, ForApiKey(tenant, keyId));

    public static IApiKeyVerifierGrain GetApiKeyVerifierGrain(this IGrainFactory grains, TenantId tenant) =>
        GrainReferences<IApiKeyVerifierGrain>.Get(grains, ForTenant(tenant));

    public static IUserConnectionGrain GetUserConnectionGrain(this IGrainFactory grains, TenantId tenant, UserId user) =>
        GrainReferences<IUserConnectionGrain>.Get(grains, ForUser(tenant, user));

    public static IOAuthGrantsGrain GetOAuthGrantsGrain(this IGrainFactory grains, TenantId tenant, UserId user) =>
        GrainReferences<IOAuthGrantsGrain>.Get(grains, ForUser(tenant, user));

    public static IOAuthClientRegistryGrain GetOAuthClientRegistryGrain(this IGrainFactory grains, TenantId tenant) =>
        GrainReferences<IOAuthClientRegistryGrain>.Get(grains, ForTenant(tenant));

    public static ITenantSignInGrain GetTenantSignInGrain(this IGrainFactory grains, TenantId tenant) =>
        GrainReferences<ITenantSignInGrain>.Get(grains, ForTenant(tenant));

    public static ITenantDirectoryGrain GetTenantDirectoryGrain(this IGrainFactory grains) =>
        GrainReferences<ITenantDirectoryGrain>.Get(grains, Platform);

    public static IDataProtectionKeysGrain GetDataProtectionKeysGrain(this IGrainFactory grains) =>
        GrainReferences<IDataProtectionKeysGrain>.Get(grains, Platform);

    public static IClusterProbeGrain GetClusterProbeGrain(this IGrainFactory grains) =>
        GrainReferences<IClusterProbeGrain>.Get(grains, Platform);
}
