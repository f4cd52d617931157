namespace Platform.Grains.RateLimits;

/// <summary>An admitted call's hold on one of the user's concurrency slots; dispose it when the call ends (twice is harmless).</summary>
public sealed class CallPermit : IDisposable
{
    private Action? release;

    internal CallPermit(Action release) => this.release = release;

    public void Dispose() => Interlocked.Exchange(ref release, null)?.Invoke();
}
