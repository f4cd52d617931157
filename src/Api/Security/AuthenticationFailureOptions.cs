using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Security;

/// <summary>
/// Section <c>AuthenticationFailures</c>: how many refused credentials (a bad API key or token on the MCP endpoint or the
/// admin API, a bad connect callback) one client address may send per window before it is answered 429 without any
/// lookup. An IPv6 client counts by its /64.
/// </summary>
public sealed class AuthenticationFailureOptions
{
    public const string Section = "AuthenticationFailures";

    [Range(1, 1_000_000)]
    public int Limit { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
