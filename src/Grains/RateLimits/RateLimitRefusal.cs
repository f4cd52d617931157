using System.Globalization;
using Platform.Grains.Tools;

namespace Platform.Grains.RateLimits;

/// <summary>A call a rate limit refused before it reached Confluence: which limit, when to retry, and a sentence for the model.</summary>
public sealed record RateLimitRefusal(RateLimitKind Limit, TimeSpan RetryAfter, string Reason)
{
    /// <summary>
    /// A refusal whose wait is rounded up to whole seconds (at least one): Retry-After and the people reading the
    /// message count in seconds, and a caller who waits that long finds the token there.
    /// </summary>
    public static RateLimitRefusal Create(RateLimitKind limit, TimeSpan wait, Func<long, string> reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        return new RateLimitRefusal(limit, TimeSpan.FromSeconds(seconds), reason(seconds));
    }

    /// <summary>The MCP answer: status <see cref="ToolCallStatus.RateLimited"/> with the reason and Retry-After.</summary>
    public ToolCallResult ToToolCallResult() => new(ToolCallStatus.RateLimited, Reason, RetryAfter: RetryAfter);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RateLimitRefusal({Limit}, {RetryAfter.TotalSeconds} s)");
}
