using Platform.Grains.Identity;

namespace Platform.Grains.Tenants;

[GenerateSerializer, Immutable, Alias("Platform.TenantDetails")]
public sealed record TenantDetails(
    [property: Id(0)] TenantId Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] TenantStatus Status,
    [property: Id(3)] DateTimeOffset CreatedAt);
