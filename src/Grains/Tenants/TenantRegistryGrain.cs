using Platform.Grains.Identity;

namespace Platform.Grains.Tenants;

public sealed class TenantRegistryGrain(
    [PersistentState("tenant-registry", StorageNames.Platform)] IPersistentState<TenantRegistryState> state,
    IExistingTenants existing) : Grain, ITenantRegistryGrain
{
    /// <summary>The registry's first start on a deployment: tenants stored before it existed are registered at once.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            state.State.Tenants.UnionWith((await existing.ListAsync(cancellationToken)).Select(tenant => tenant.Value));
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<bool> ContainsAsync(TenantId tenant) => Task.FromResult(state.State.Tenants.Contains(tenant.Value));

    public async Task AddAsync(TenantId tenant)
    {
        if (!state.State.Tenants.Add(tenant.Value))
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not durable, so not registered: the caller's creation fails and may be retried.
            state.State.Tenants.Remove(tenant.Value);
            throw;
        }
    }
}
