namespace Platform.Grains.RateLimits;

/// <summary>One lease's tokens as a user's limiter spends them; what is left at <see cref="ValidUntil"/> lapses.</summary>
internal sealed class LeasedTokens(int remaining, DateTimeOffset validUntil)
{
    public int Remaining { get; set; } = remaining;

    public DateTimeOffset ValidUntil { get; } = validUntil;
}
