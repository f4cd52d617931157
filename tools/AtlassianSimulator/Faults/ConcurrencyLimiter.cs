using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace AtlassianSimulator.Faults;

/// <summary>
/// In-flight requests per quota key. Field reports show 429s after about 20 parallel calls from one user,
/// so a client that fans out without bound must be caught here too.
/// </summary>
public sealed class ConcurrencyLimiter
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _inFlight = new(StringComparer.Ordinal);

    public bool TryEnter(string key, int limit)
    {
        var box = _inFlight.GetOrAdd(key, static _ => new StrongBox<int>());
        if (Interlocked.Increment(ref box.Value) <= limit)
        {
            return true;
        }
        Interlocked.Decrement(ref box.Value);
        return false;
    }

    public void Exit(string key)
    {
        if (_inFlight.TryGetValue(key, out var box))
        {
            Interlocked.Decrement(ref box.Value);
        }
    }
}
