using Platform.Grains.Identity;

namespace Platform.Grains.Tenants;

[GenerateSerializer, Alias("Platform.TenantAlreadyExistsException")]
public sealed class TenantAlreadyExistsException : Exception
{
    public TenantAlreadyExistsException()
    {
    }

    public TenantAlreadyExistsException(string message) : base(message)
    {
    }

    public TenantAlreadyExistsException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public TenantAlreadyExistsException(TenantId tenant) : base($"Tenant '{tenant}' already exists.")
    {
    }
}
