using Orleans.Concurrency;
using Platform.Grains.Identity;

namespace Platform.Grains.Tenants;

/// <summary>
/// Which tenant ids exist, so a request naming a made-up tenant is answered without activating any of that tenant's
/// grains (each activation a database read and resident memory). Tenants add themselves when created and whenever
/// their grain activates. Key: <see cref="GrainKeys.Platform"/>.
/// </summary>
[Alias("Platform.ITenantRegistryGrain")]
public interface ITenantRegistryGrain : IGrainWithStringKey
{
    /// <summary>An in-memory lookup that interleaves with everything, so a flood of lookups never queues behind a registration.</summary>
    [Alias("Contains"), AlwaysInterleave, Idempotent, ResponseTimeout(IdempotentAttribute.LookupTimeout)]
    Task<bool> ContainsAsync(TenantId tenant);

    /// <summary>Records that <paramref name="tenant"/> exists (durably, before answering); repeating it changes nothing.</summary>
    [Alias("Add")]
    Task AddAsync(TenantId tenant);
}
