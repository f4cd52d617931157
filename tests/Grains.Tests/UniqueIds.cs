using Platform.Grains.Identity;

namespace Platform.Grains.Tests;

internal static class UniqueIds
{
    public static TenantId Tenant() => TenantId.Parse($"t-{Guid.NewGuid():N}"[..30]);

    public static UserId User() => UserId.Parse($"user-{Guid.NewGuid():N}");
}
