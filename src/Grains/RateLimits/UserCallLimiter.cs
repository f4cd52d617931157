using Platform.Grains.Identity;

namespace Platform.Grains.RateLimits;

/// <summary>
/// One user's rate limits, owned by the user's grain so a call checks them in memory with no extra hop: Confluence
/// site back-offs, the concurrency cap, the user × tool and user buckets, then a token of the tenant bucket from a batch
/// leased from <see cref="ITenantRateLimitGrain"/>. Every limit is checked before any token is taken, so a refused call
/// costs nothing. Leases carry the tenant's settings and site back-offs, so changes reach the user within a lease's
/// lifetime. Thread-safe, so it does not depend on the owning grain's scheduler.
/// </summary>
public sealed class UserCallLimiter(TenantId tenant, UserId user, IGrainFactory grains, TimeProvider time)
{
    /// <summary>
    /// The most tenant tokens one user leases at once. Batches start at one token, double while the user spends
    /// each batch before it lapses and halve when tokens lapse unspent, so a quiet user wastes at most a token a call
    /// and a busy one asks the tenant grain once per up to this many calls.
    /// </summary>
    public const int MaxLeaseBatch = 16;

    /// <summary>Without Retry-After, a 429 still means "slow down": the site is left alone this long.</summary>
    public static readonly TimeSpan DefaultThrottleBackoff = TimeSpan.FromSeconds(5);

    // After a lease that granted nothing, calls are refused until the tenant's next token at the earliest, and for
    // at least this long, so a tenant at its limit is not asked again by every waiting call at once.
    private static readonly TimeSpan MinimumTenantHoldOff = TimeSpan.FromMilliseconds(1);

    // A slot frees when a call ends, which cannot be predicted: suggest a short wait.
    private static readonly TimeSpan ConcurrencyRetryAfter = TimeSpan.FromSeconds(1);

    // Tool names come from the catalog, but the map is bounded anyway; a full bucket equals a fresh one, so dropping it is lossless.
    private const int MaxToolBuckets = 256;

    private readonly Lock gate = new();
    private readonly Queue<LeasedTokens> leased = new();
    private readonly Dictionary<string, TokenBucket> toolBuckets = [];
    private readonly Dictionary<string, DateTimeOffset> siteBackoffs = [];
    private RateLimitSettings? settings;
    private long settingsVersion = -1;
    private TokenBucket? userBucket;
    private int inFlight;
    private int batchSize = 1;
    private DateTimeOffset tenantExhaustedUntil;
    private Task? leasing;
    private int waitingForTokens;

    /// <summary>
    /// Admits or refuses one call of <paramref name="tool"/> against Confluence <paramref name="site"/>. Completes
    /// without a hop while leased tenant tokens last; the first call of a fresh user, and one whose batch ran out,
    /// waits for one lease from the tenant grain (the user's grain is reentrant, so other calls go on meanwhile).
    /// </summary>
    public async Task<CallAdmission> AcquireAsync(string tool, string site)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        if (settingsVersion < 0)
        {
            await LeaseAsync();
        }

        var decision = TryAdmit(tool, site);
        while (decision is null)
        {
            // Calls that arrive together wait for the same lease, sized for as many of them as the tenant's batch
            // allows; one that still finds no token (others took the lease) waits for the next. Only the tenant saying
            // it has none refuses a call: contention for leased tokens never does.
            Interlocked.Increment(ref waitingForTokens);
            try
            {
                await LeaseAsync();
            }
            finally
            {
                Interlocked.Decrement(ref waitingForTokens);
            }

            // Other calls ran while this one waited: check everything again.
            decision = TryAdmit(tool, site);
        }

        return decision;
    }

    /// <summary>
    /// Counts a call that was refused before admission (governance, an unknown tool) against the user's own limit, so
    /// refused calls are not free: once the user's budget is spent, they are refused as rate limited. No tenant token
    /// is taken, so one user's refused calls never starve their colleagues.
    /// </summary>
    public async Task<RateLimitRefusal?> ChargeRefusedCallAsync()
    {
        if (settingsVersion < 0)
        {
            await LeaseAsync();
        }

        lock (gate)
        {
            return userBucket!.TryTake() ? null : UserRefusal();
        }
    }

    /// <summary>
    /// Tells the limiter how Confluence <paramref name="site"/> answered. A 429 (with or without Retry-After) or a 503
    /// with Retry-After stops every call of the tenant's users to that site until the time passes.
    /// </summary>
    public Task ReportUpstreamAsync(string site, int status, TimeSpan? retryAfter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        TimeSpan? backoff = status switch
        {
            429 => retryAfter ?? DefaultThrottleBackoff,
            503 => retryAfter,
            _ => null,
        };
        if (backoff is not { } wait)
        {
            return Task.CompletedTask;
        }

        wait = TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, TenantRateLimitGrain.MaxSiteBackoff.Ticks));
        lock (gate)
        {
            HoldOffSite(site, time.GetUtcNow() + wait);
        }

        return grains.GetTenantRateLimitGrain(tenant).ReportUpstreamThrottleAsync(site, wait);
    }

    /// <summary>Null when the call needs a lease first; else the decision.</summary>
    private CallAdmission? TryAdmit(string tool, string site)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (LocalRefusal(tool, site, now) is { } refusal)
            {
                return CallAdmission.Refused(refusal);
            }

            if (!TakeTenantToken(now))
            {
                return now >= tenantExhaustedUntil ? null : CallAdmission.Refused(TenantRefusal(now));
            }

            ToolBucket(tool).TryTake();
            userBucket!.TryTake();
            inFlight++;
            var held = leased.Sum(batch => batch.Remaining);
            if (held > 0 && held <= batchSize / 4 && (leasing is null || leasing.IsCompleted))
            {
                // A busy user (batches of 4 or more) fetches the next batch before this one runs out, so its calls
                // do not wait for it; a quiet one leases when it next calls, so it hoards nothing.
                leasing = LeaseOnceAsync();
            }

            return CallAdmission.Admitted(new CallPermit(Release));
        }
    }

    private RateLimitRefusal? LocalRefusal(string tool, string site, DateTimeOffset now)
    {
        var limits = settings!;
        if (siteBackoffs.TryGetValue(site, out var until))
        {
            if (until > now)
            {
                return RateLimitRefusal.Create(RateLimitKind.SiteBackoff, until - now, seconds =>
                    $"Rate limit: Confluence ({site}) asked this organisation to slow down; retry in {seconds} s.");
            }

            siteBackoffs.Remove(site);
        }

        if (inFlight >= limits.MaxConcurrentCallsPerUser)
        {
            return RateLimitRefusal.Create(RateLimitKind.Concurrency, ConcurrencyRetryAfter, seconds =>
                $"Rate limit: user {user} may run {limits.MaxConcurrentCallsPerUser} calls at once; retry in {seconds} s.");
        }

        var toolBucket = ToolBucket(tool);
        if (toolBucket.Available < 1)
        {
            return RateLimitRefusal.Create(RateLimitKind.UserTool, toolBucket.TimeUntilNextToken(), seconds =>
                $"Rate limit: user {user} may call {tool} {limits.UserToolCallsPerMinute} times per minute; retry in {seconds} s.");
        }

        return userBucket!.Available < 1 ? UserRefusal() : null;
    }

    private RateLimitRefusal UserRefusal() =>
        RateLimitRefusal.Create(RateLimitKind.User, userBucket!.TimeUntilNextToken(), seconds =>
            $"Rate limit: user {user} may make {settings!.UserCallsPerMinute} calls per minute; retry in {seconds} s.");

    private RateLimitRefusal TenantRefusal(DateTimeOffset now) =>
        RateLimitRefusal.Create(RateLimitKind.Tenant, tenantExhaustedUntil - now, seconds =>
            $"Rate limit: organisation {tenant} may make {settings!.TenantCallsPerMinute} calls per minute; retry in {seconds} s.");

    private bool TakeTenantToken(DateTimeOffset now)
    {
        while (leased.TryPeek(out var batch))
        {
            if (batch.ValidUntil <= now)
            {
                // Tokens lapsed unspent: this user asks for too many at a time.
                leased.Dequeue();
                batchSize = Math.Max(1, batchSize / 2);
                continue;
            }

            batch.Remaining--;
            if (batch.Remaining == 0)
            {
                // Spent before it lapsed: ask for more next time.
                leased.Dequeue();
                batchSize = Math.Min(MaxLeaseBatch, batchSize * 2);
            }

            return true;
        }

        return false;
    }

    private TokenBucket ToolBucket(string tool)
    {
        if (!toolBuckets.TryGetValue(tool, out var bucket))
        {
            if (toolBuckets.Count >= MaxToolBuckets)
            {
                foreach (var full in toolBuckets.Where(entry => entry.Value.IsFull).Select(entry => entry.Key).ToList())
                {
                    toolBuckets.Remove(full);
                }
            }

            bucket = new TokenBucket(time, settings!.UserToolBurst, settings.UserToolCallsPerMinute);
            toolBuckets[tool] = bucket;
        }

        return bucket;
    }

    /// <summary>Single flight: calls that need tokens while a lease is under way wait for that one.</summary>
    private Task LeaseAsync()
    {
        lock (gate)
        {
            if (leasing is null || leasing.IsCompleted)
            {
                // A prefetch that failed with nobody waiting on it: observe its error; this lease tries again.
                _ = leasing?.Exception;
                leasing = LeaseOnceAsync();
            }

            return leasing;
        }
    }

    private async Task LeaseOnceAsync()
    {
        int requested;
        lock (gate)
        {
            requested = Math.Clamp(Math.Max(batchSize, Volatile.Read(ref waitingForTokens)), 1, TenantRateLimitGrain.MaxLeaseBatch);
        }

        var lease = await grains.GetTenantRateLimitGrain(tenant).LeaseAsync(requested);
        lock (gate)
        {
            Apply(lease);
        }
    }

    private void Apply(RateLease lease)
    {
        if (lease.SettingsVersion != settingsVersion)
        {
            var limits = lease.Settings;
            settings = limits;
            settingsVersion = lease.SettingsVersion;
            if (userBucket is null)
            {
                userBucket = new TokenBucket(time, limits.UserBurst, limits.UserCallsPerMinute);
            }
            else
            {
                userBucket.Reconfigure(limits.UserBurst, limits.UserCallsPerMinute);
            }

            foreach (var bucket in toolBuckets.Values)
            {
                bucket.Reconfigure(limits.UserToolBurst, limits.UserToolCallsPerMinute);
            }
        }

        if (lease.Granted > 0)
        {
            leased.Enqueue(new LeasedTokens(lease.Granted, lease.ValidUntil));
        }
        else
        {
            // Ask the tenant again only when its bucket has a token, so a limited tenant is not flooded with leases.
            tenantExhaustedUntil = time.GetUtcNow() + (lease.RetryAfter is { } wait && wait > MinimumTenantHoldOff ? wait : MinimumTenantHoldOff);
        }

        foreach (var (site, until) in lease.SiteBackoffs)
        {
            HoldOffSite(site, until);
        }
    }

    private void HoldOffSite(string site, DateTimeOffset until)
    {
        if (!siteBackoffs.TryGetValue(site, out var current) || current < until)
        {
            siteBackoffs[site] = until;
        }
    }

    private void Release()
    {
        lock (gate)
        {
            inFlight--;
        }
    }
}
