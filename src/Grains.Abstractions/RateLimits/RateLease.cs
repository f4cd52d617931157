namespace Platform.Grains.RateLimits;

/// <summary>
/// Tokens taken from a tenant's bucket for one user's grain to spend locally, so a busy tenant's calls do not all queue
/// on one grain. Unspent tokens lapse at <see cref="ValidUntil"/>: that bounds how far the tenant limit can be
/// overshot. Every lease also carries the tenant's current settings and the Confluence sites that are cooling down.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.RateLease")]
public sealed record RateLease(
    [property: Id(0)] int Granted,
    [property: Id(1)] DateTimeOffset ValidUntil,
    [property: Id(2)] TimeSpan? RetryAfter,
    [property: Id(3)] long SettingsVersion,
    [property: Id(4)] RateLimitSettings Settings,
    [property: Id(5)] IReadOnlyDictionary<string, DateTimeOffset> SiteBackoffs);
