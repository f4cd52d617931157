using Platform.Grains.Identity;

namespace Platform.Grains.Tenants;

/// <summary>
/// The tenants already in grain storage, read once when the tenant registry first starts on a deployment that has
/// tenants from before the registry existed. Embedded mode starts empty; cluster mode reads the storage table.
/// </summary>
public interface IExistingTenants
{
    Task<IReadOnlyList<TenantId>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>Storage that starts empty with every process (embedded mode's memory storage) holds no earlier tenants.</summary>
public sealed class NoExistingTenants : IExistingTenants
{
    public Task<IReadOnlyList<TenantId>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TenantId>>([]);
}
