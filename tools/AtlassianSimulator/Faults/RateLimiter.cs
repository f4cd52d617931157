using AtlassianSimulator.Hosting;
using Microsoft.Extensions.Options;

namespace AtlassianSimulator.Faults;

/// <summary>
/// Hourly points quota per (site, app) in fixed windows aligned to the hour, plus a per-second burst limit,
/// both on the simulator clock so tests can move past a window.
/// </summary>
public sealed class RateLimiter(IOptions<RateLimitOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private RateLimitOptions _limits = options.Value;

    public RateLimitOptions Limits
    {
        get { lock (_gate) { return _limits; } }
        set { lock (_gate) { _limits = value; _hourly.Clear(); _burst.Clear(); } }
    }
    private readonly Dictionary<string, Window> _hourly = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Window> _burst = new(StringComparer.Ordinal);

    public RateLimitDecision Take(string key, int points)
    {
        var limits = Limits;
        var now = clock.GetUtcNow();
        var hourStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var secondStart = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        lock (_gate)
        {
            if (limits.BurstPerSecond > 0)
            {
                var burst = Current(_burst, key, secondStart);
                if (burst.Used >= limits.BurstPerSecond)
                {
                    return new RateLimitDecision(false, limits.HourlyPoints, Remaining(limits, key, hourStart), hourStart.AddHours(1), 1);
                }
                burst.Used++;
            }
            if (limits.HourlyPoints <= 0)
            {
                return new RateLimitDecision(true, 0, 0, hourStart.AddHours(1), 0);
            }
            var hour = Current(_hourly, key, hourStart);
            if (hour.Used + points > limits.HourlyPoints)
            {
                var wait = (int)Math.Ceiling((hourStart.AddHours(1) - now).TotalSeconds);
                return new RateLimitDecision(false, limits.HourlyPoints, 0, hourStart.AddHours(1), Math.Max(1, wait));
            }
            hour.Used += points;
            return new RateLimitDecision(true, limits.HourlyPoints, limits.HourlyPoints - hour.Used, hourStart.AddHours(1), 0);
        }
    }

    /// <summary>Adds points after the fact (objects returned by a read); never rejects.</summary>
    public void Charge(string key, int points)
    {
        var now = clock.GetUtcNow();
        var hourStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        lock (_gate)
        {
            Current(_hourly, key, hourStart).Used += points;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _hourly.Clear();
            _burst.Clear();
        }
    }

    private int Remaining(RateLimitOptions limits, string key, DateTimeOffset hourStart) =>
        _hourly.TryGetValue(key, out var w) && w.Start == hourStart ? Math.Max(0, limits.HourlyPoints - w.Used) : limits.HourlyPoints;

    private static Window Current(Dictionary<string, Window> windows, string key, DateTimeOffset start)
    {
        if (!windows.TryGetValue(key, out var window) || window.Start != start)
        {
            window = new Window { Start = start };
            windows[key] = window;
        }
        return window;
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; init; }
        public int Used { get; set; }
    }
}

public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt, int RetryAfterSeconds);
