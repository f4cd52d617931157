using Platform.Grains.Connections;
using Platform.Grains.Identity;
using Platform.Grains.Tenants;

namespace Platform.Grains;

/// <summary>
/// The one place grain keys are built and parsed. Ids are validated types, so a key can never
/// smuggle a separator or another tenant's prefix.
/// </summary>
public static class GrainKeys
{
    private const char Separator = '/';

    public static string ForTenant(TenantId tenant) => tenant.Value;

    public static string ForUser(TenantId tenant, UserId user) => string.Concat(tenant.Value, Separator.ToString(), user.Value);

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
        grains.GetGrain<ITenantGrain>(ForTenant(tenant));

    public static IUserConnectionGrain GetUserConnectionGrain(this IGrainFactory grains, TenantId tenant, UserId user) =>
        grains.GetGrain<IUserConnectionGrain>(ForUser(tenant, user));
}
