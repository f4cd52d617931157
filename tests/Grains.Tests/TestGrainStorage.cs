using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;
using Platform.Hosting;

namespace Platform.Grains.Tests;

/// <summary>
/// Grain storage for tests: keeps each state as the JSON the production serializer writes (so tests can read what
/// would be at rest), and can be told to fail the writes, or the reads (so it cannot activate), of one grain.
/// </summary>
public sealed class TestGrainStorage : IGrainStorage
{
    private readonly IGrainStorageSerializer serializer = GrainStateSerializer.Create();
    private readonly ConcurrentDictionary<(string, GrainId), (BinaryData Data, int Version)> rows = new();
    private readonly ConcurrentDictionary<GrainId, bool> failingWrites = new();
    private readonly ConcurrentDictionary<GrainId, bool> failingReads = new();

    public void FailWritesOf(GrainId grain) => failingWrites[grain] = true;

    public void HealWritesOf(GrainId grain) => failingWrites.TryRemove(grain, out _);

    public void FailReadsOf(GrainId grain) => failingReads[grain] = true;

    public void HealReadsOf(GrainId grain) => failingReads.TryRemove(grain, out _);

    /// <summary>The stored JSON of one grain's state, as a database dump would show it.</summary>
    public string StoredJson(string stateName, GrainId grain) =>
        rows.TryGetValue((stateName, grain), out var row) ? row.Data.ToString() : "";

    /// <summary>Replaces one grain's stored JSON with <paramref name="edit"/>'s version of it, as an older release might have stored it.</summary>
    public void Rewrite(string stateName, GrainId grain, Func<string, string> edit)
    {
        var (data, version) = rows[(stateName, grain)];
        rows[(stateName, grain)] = (BinaryData.FromString(edit(data.ToString())), version + 1);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (failingReads.ContainsKey(grainId))
        {
            throw new InvalidOperationException("Injected storage failure.");
        }

        if (rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Data);
            grainState.ETag = row.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (failingWrites.ContainsKey(grainId))
        {
            throw new InvalidOperationException("Injected storage failure.");
        }

        var version = rows.TryGetValue((stateName, grainId), out var row) ? row.Version + 1 : 1;
        rows[(stateName, grainId)] = (serializer.Serialize(grainState.State), version);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        rows.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
