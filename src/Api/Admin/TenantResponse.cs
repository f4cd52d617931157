using Platform.Grains.Tenants;

namespace Platform.Api.Admin;

public sealed record TenantResponse(string Id, string DisplayName, string Status, DateTimeOffset CreatedAt)
{
    public static TenantResponse From(TenantDetails tenant) =>
        new(tenant.Id.Value, tenant.DisplayName, tenant.Status.ToString(), tenant.CreatedAt);
}
