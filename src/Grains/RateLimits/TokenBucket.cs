namespace Platform.Grains.RateLimits;

/// <summary>
/// A token bucket: holds at most <see cref="Capacity"/> tokens (the burst) and refills continuously at
/// <see cref="TokensPerMinute"/>. Starts full. Not thread-safe: its owner (a grain, or the limiter in one) serialises use.
/// </summary>
public sealed class TokenBucket
{
    // Refill is computed in doubles; a token that is a rounding error short of whole still counts as whole, so a caller
    // who waits exactly the advertised time is never refused.
    private const double Tolerance = 1e-9;
    private readonly TimeProvider time;
    private double tokens;
    private DateTimeOffset refilledAt;

    public TokenBucket(TimeProvider time, int capacity, int tokensPerMinute)
    {
        this.time = time;
        Validate(capacity, tokensPerMinute);
        Capacity = capacity;
        TokensPerMinute = tokensPerMinute;
        tokens = capacity;
        refilledAt = time.GetUtcNow();
    }

    public int Capacity { get; private set; }

    public int TokensPerMinute { get; private set; }

    /// <summary>Whole tokens available now.</summary>
    public int Available
    {
        get
        {
            Refill();
            return (int)Math.Floor(tokens + Tolerance);
        }
    }

    /// <summary>True when the bucket is full: it then behaves exactly like a fresh one, so an owner may drop it.</summary>
    public bool IsFull => Available >= Capacity;

    /// <summary>Takes one token if there is one.</summary>
    public bool TryTake() => TakeUpTo(1) == 1;

    /// <summary>Takes as many whole tokens as are available, up to <paramref name="max"/>; returns how many.</summary>
    public int TakeUpTo(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var taken = Math.Min(max, Available);
        tokens = Math.Max(0, tokens - taken);
        return taken;
    }

    /// <summary>How long until one token is available: zero if one is available now.</summary>
    public TimeSpan TimeUntilNextToken()
    {
        Refill();
        var missing = 1 - tokens;
        return missing <= Tolerance
            ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)Math.Ceiling(missing * TimeSpan.TicksPerMinute / TokensPerMinute));
    }

    /// <summary>Applies new limits, keeping the tokens it holds but never more than the new capacity.</summary>
    public void Reconfigure(int capacity, int tokensPerMinute)
    {
        Validate(capacity, tokensPerMinute);
        Refill();
        Capacity = capacity;
        TokensPerMinute = tokensPerMinute;
        tokens = Math.Min(tokens, capacity);
    }

    private void Refill()
    {
        var now = time.GetUtcNow();
        if (now > refilledAt)
        {
            tokens = Math.Min(Capacity, tokens + ((now - refilledAt).Ticks * (double)TokensPerMinute / TimeSpan.TicksPerMinute));
            refilledAt = now;
        }
    }

    private static void Validate(int capacity, int tokensPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokensPerMinute, 1);
    }
}
