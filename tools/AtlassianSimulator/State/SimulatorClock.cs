namespace AtlassianSimulator.State;

/// <summary>
/// The simulator's notion of "now": an inner provider (system clock, or a FakeTimeProvider in tests)
/// plus an offset that the control endpoint can move forward for out-of-process tests.
/// </summary>
public sealed class SimulatorClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void ResetOffset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
