using Platform.Grains.Identity;

namespace Platform.Grains.Tenants;

public sealed class TenantDirectoryGrain(
    [PersistentState("tenant-directory", StorageNames.Platform)] IPersistentState<TenantDirectoryState> state) : Grain, ITenantDirectoryGrain
{
    public async Task AddAsync(TenantId tenant)
    {
        if (state.State.Tenants.Add(tenant.Value))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<TenantId>> ListAsync() =>
        Task.FromResult<IReadOnlyList<TenantId>>([.. state.State.Tenants.Order(StringComparer.Ordinal).Select(TenantId.Parse)]);
}
