using Platform.Grains.Identity;

namespace Platform.Grains.Tenants;

public sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Platform)] IPersistentState<TenantState> state,
    TimeProvider time) : Grain, ITenantGrain
{
    private const int MaxDisplayNameLength = 200;

    private TenantId Id => GrainKeys.ParseTenant(this.GetPrimaryKeyString());

    public async Task<TenantDetails> CreateAsync(string displayName)
    {
        var name = displayName?.Trim() ?? "";
        if (name.Length is 0 or > MaxDisplayNameLength)
        {
            throw new ArgumentException($"A tenant's display name is 1 to {MaxDisplayNameLength} characters.", nameof(displayName));
        }

        if (state.RecordExists)
        {
            throw new TenantAlreadyExistsException(Id);
        }

        state.State = new TenantState { DisplayName = name, Status = TenantStatus.Created, CreatedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        return ToDetails();
    }

    public Task<TenantDetails?> GetAsync() =>
        Task.FromResult(state.RecordExists ? ToDetails() : null);

    private TenantDetails ToDetails() =>
        new(Id, state.State.DisplayName, state.State.Status, state.State.CreatedAt);
}
