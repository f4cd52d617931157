using System.Collections.Concurrent;

namespace AtlassianSimulator.Faults;

/// <summary>Request counters that tests assert on ("exactly one refresh happened").</summary>
public sealed class Counters
{
    private readonly ConcurrentDictionary<string, long> _values = new(StringComparer.Ordinal);

    public void Increment(string name) => _values.AddOrUpdate(name, 1, static (_, v) => v + 1);

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_values, StringComparer.Ordinal);

    public void Clear() => _values.Clear();
}
