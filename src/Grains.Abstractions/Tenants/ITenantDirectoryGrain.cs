using Platform.Grains.Identity;

namespace Platform.Grains.Tenants;

/// <summary>
/// Every tenant id the platform has registered, so the operator can list tenants. Each tenant adds itself when it is
/// created (and, for tenants created before this directory existed, when its grain next activates).
/// Key: <see cref="GrainKeys.Platform"/>.
/// </summary>
[Alias("Platform.ITenantDirectoryGrain")]
public interface ITenantDirectoryGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task AddAsync(TenantId tenant);

    /// <summary>The tenant ids, sorted.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<TenantId>> ListAsync();
}
