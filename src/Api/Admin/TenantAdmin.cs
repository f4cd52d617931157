using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;
using Platform.Grains.Tenants;

namespace Platform.Api.Admin;

/// <summary>Tenants' registration and lifecycle, each change recorded in the tenant's audit log.</summary>
public sealed class TenantAdmin(IGrainFactory grains, AdminAuditTrail audit)
{
    public async Task<TenantResponse> CreateAsync(AdminActor actor, CreateTenantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = TenantId.TryParse(request.Id, out var parsed) ? parsed : throw new InvalidRequestException(nameof(request.Id), TenantId.Rule);
        var created = await audit.ApplyAsync(actor, id, "tenant.create", id.Value,
            async () => new Change<TenantResponse>(null, TenantResponse.From(await grains.GetTenantGrain(id).CreateAsync(request.DisplayName ?? ""))));
        return created.After!;
    }

    /// <summary>Every tenant the platform registered, deleted ones included (their ids stay taken), sorted by id.</summary>
    public async Task<IReadOnlyList<TenantResponse>> ListAsync()
    {
        var ids = await grains.GetTenantDirectoryGrain().ListAsync();
        var tenants = await Task.WhenAll(ids.Select(id => grains.GetTenantGrain(id).GetAsync()));
        return [.. tenants.OfType<TenantDetails>().Select(TenantResponse.From)];
    }

    public async Task<TenantResponse> GetAsync(TenantId tenant) =>
        await grains.GetTenantGrain(tenant).GetAsync() is { } found ? TenantResponse.From(found) : throw new NotFoundException($"Tenant '{tenant}' does not exist.");

    public Task<PolicyChangeResponse<TenantResponse>> ActivateAsync(AdminActor actor, TenantId tenant) => MoveAsync(actor, tenant, "tenant.activate", grain => grain.ActivateAsync());

    public Task<PolicyChangeResponse<TenantResponse>> SuspendAsync(AdminActor actor, TenantId tenant) => MoveAsync(actor, tenant, "tenant.suspend", grain => grain.SuspendAsync());

    public Task<PolicyChangeResponse<TenantResponse>> ResumeAsync(AdminActor actor, TenantId tenant) => MoveAsync(actor, tenant, "tenant.resume", grain => grain.ResumeAsync());

    /// <summary>Kill switch, then every credential of the tenant is deleted (see <see cref="ITenantGrain.DeleteAsync"/>).</summary>
    public Task<PolicyChangeResponse<TenantResponse>> DeleteAsync(AdminActor actor, TenantId tenant) => MoveAsync(actor, tenant, "tenant.delete", grain => grain.DeleteAsync());

    private async Task<PolicyChangeResponse<TenantResponse>> MoveAsync(AdminActor actor, TenantId tenant, string action, Func<ITenantGrain, Task<Change<TenantDetails>>> move)
    {
        return PolicyChangeResponse.After(await audit.ApplyAsync(actor, tenant, action, tenant.Value, async () => (await move(grains.GetTenantGrain(tenant))).Select(TenantResponse.From)));
    }
}
