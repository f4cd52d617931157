namespace Platform.Grains.Governance;

/// <summary>
/// The archive of approved tool definitions. Only the gateway's own catalog feeds it, and a catalog version adds a few
/// dozen definitions, so it stays small; it is written only when a new hash arrives.
/// </summary>
public sealed class ToolDefinitionArchiveGrain(
    [PersistentState("tool-definitions", StorageNames.Platform)] IPersistentState<ToolDefinitionArchiveState> state) : Grain, IToolDefinitionArchiveGrain
{
    public async Task KeepAsync(IReadOnlyDictionary<string, string> definitionsByHash)
    {
        ArgumentNullException.ThrowIfNull(definitionsByHash);
        var added = false;
        foreach (var (hash, definition) in definitionsByHash)
        {
            added |= state.State.Definitions.TryAdd(hash, definition);
        }

        if (added)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<string?> FindAsync(string definitionHash) =>
        Task.FromResult(state.State.Definitions.GetValueOrDefault(definitionHash));
}
