using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Grains.Tenants;

/// <summary>A tenant id is taken for good, even after the tenant was deleted.</summary>
[GenerateSerializer, Alias("Platform.TenantAlreadyExistsException")]
public sealed class TenantAlreadyExistsException : ConflictException
{
    public TenantAlreadyExistsException(TenantId tenant) : base($"Tenant '{tenant}' already exists.")
    {
    }
}
