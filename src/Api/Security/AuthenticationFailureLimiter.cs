using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Platform.Api.Security;

/// <summary>
/// Counts refused authentications per client address in a token bucket (<see cref="AuthenticationFailureOptions"/>):
/// each failure takes a token; an address whose bucket is empty is blocked until it refills. Checking costs no token,
/// so an address that authenticates correctly is never slowed.
/// </summary>
public sealed class AuthenticationFailureLimiter : IDisposable
{
    /// <summary>The bucket refills in this many steps per window, so a blocked client waits a fraction of it, not all.</summary>
    private const int StepsPerWindow = 6;

    private readonly PartitionedRateLimiter<string> limiter;
    private readonly TimeSpan step;

    public AuthenticationFailureLimiter(IOptions<AuthenticationFailureOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        step = settings.Window / StepsPerWindow;
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Limit,
            TokensPerPeriod = Math.Max(1, settings.Limit / StepsPerWindow),
            ReplenishmentPeriod = step,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>True, with how long to wait, when <paramref name="address"/> has used up its failures.</summary>
    public bool IsBlocked(IPAddress? address, out TimeSpan retryAfter)
    {
        // Whole tokens only: the bucket refills continuously, and a fraction of a token is no failure to spare.
        retryAfter = step;
        return limiter.GetStatistics(ClientOf(address))?.CurrentAvailablePermits < 1;
    }

    public void RecordFailure(IPAddress? address)
    {
        using var lease = limiter.AttemptAcquire(ClientOf(address));
    }

    public void Dispose() => limiter.Dispose();

    /// <summary>An IPv4 address as itself; an IPv6 address by its /64, which one subscriber usually holds whole.</summary>
    public static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
