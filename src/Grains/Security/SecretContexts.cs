using Platform.Grains.Identity;

namespace Platform.Grains.Security;

/// <summary>The associated data each sealed secret is bound to: a ciphertext moved to another tenant, user or field fails to open.</summary>
internal static class SecretContexts
{
    public static string ForTenant(TenantId tenant, string field) => $"{tenant.Value}:{field}";

    public static string ForUser(TenantId tenant, UserId user, string field) => $"{GrainKeys.ForUser(tenant, user)}:{field}";
}
