namespace Platform.Grains.Security;

public sealed class DataProtectionKeysGrain(
    [PersistentState("data-protection-keys", StorageNames.Platform)] IPersistentState<DataProtectionKeysState> state) : Grain, IDataProtectionKeysGrain
{
    /// <summary>Data Protection adds a key every 90 days; this keeps years of them while bounding the state.</summary>
    private const int MaxElements = 50;

    public Task<IReadOnlyList<string>> GetAllAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Elements.Values]);

    public async Task StoreAsync(string friendlyName, string element)
    {
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        ArgumentException.ThrowIfNullOrEmpty(element);
        if (!state.State.Elements.ContainsKey(friendlyName) && state.State.Elements.Count >= MaxElements)
        {
            throw new InvalidOperationException($"The Data Protection key ring holds {MaxElements} keys already.");
        }

        state.State.Elements[friendlyName] = element;
        await state.WriteStateAsync();
    }
}
