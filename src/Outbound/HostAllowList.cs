using System.Globalization;

namespace Platform.Outbound;

/// <summary>
/// Hosts an operator named in configuration: <c>host</c>, <c>host:port</c>, or <c>*.domain</c> (any name below domain,
/// not the domain itself), each optionally with a port. Names compare case-insensitively; IPv6 literals are written in
/// brackets (<c>[::1]:8080</c>). A bare <c>*</c> or anything with a scheme or path is not a pattern.
/// </summary>
public sealed class HostAllowList
{
    private readonly IReadOnlyList<HostPattern> patterns;

    private HostAllowList(IReadOnlyList<HostPattern> patterns) => this.patterns = patterns;

    public static HostAllowList Empty { get; } = new([]);

    /// <summary>The patterns in <paramref name="entries"/>; throws <see cref="FormatException"/> naming the first that is not one.</summary>
    public static HostAllowList Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new([.. entries.Select(entry => HostPattern.TryParse(entry, out var pattern)
            ? pattern
            : throw new FormatException($"'{entry}' is not a host pattern: write host, host:port or *.domain[:port] (no scheme, path or bare '*')."))]);
    }

    /// <summary>The first entry of <paramref name="entries"/> that is not a pattern, or null when all are.</summary>
    public static string? FirstInvalid(IEnumerable<string> entries) =>
        (entries ?? throw new ArgumentNullException(nameof(entries))).FirstOrDefault(entry => !HostPattern.TryParse(entry, out _));

    /// <summary>This list and <paramref name="other"/>'s patterns together.</summary>
    public HostAllowList With(HostAllowList other) => new([.. patterns, .. (other ?? throw new ArgumentNullException(nameof(other))).patterns]);

    public bool Matches(Uri url) => Matches((url ?? throw new ArgumentNullException(nameof(url))).IdnHost, url.Port);

    public bool Matches(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = Unbracketed(host);
        return patterns.Any(pattern => pattern.Matches(name, port));
    }

    private static string Unbracketed(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;

    private sealed record HostPattern(string Host, bool Subdomains, int? Port)
    {
        public bool Matches(string host, int port) =>
            (Port is null || Port == port)
            && (Subdomains
                ? host.Length > Host.Length + 1 && host.EndsWith("." + Host, StringComparison.OrdinalIgnoreCase)
                : string.Equals(host, Host, StringComparison.OrdinalIgnoreCase));

        public static bool TryParse(string? entry, out HostPattern pattern)
        {
            pattern = null!;
            var text = entry?.Trim() ?? "";
            var subdomains = text.StartsWith("*.", StringComparison.Ordinal);
            if (subdomains)
            {
                text = text[2..];
            }

            if (text.Length == 0 || text.Contains('*', StringComparison.Ordinal) || !Uri.TryCreate($"http://{text}/", UriKind.Absolute, out var parsed)
                || parsed.AbsolutePath != "/" || parsed.UserInfo.Length > 0 || parsed.Query.Length > 0)
            {
                return false;
            }

            // The port is the pattern's only if it was written: Uri fills in 80 for http.
            var explicitPort = text.EndsWith(string.Create(CultureInfo.InvariantCulture, $":{parsed.Port}"), StringComparison.Ordinal) ? parsed.Port : (int?)null;
            pattern = new HostPattern(Unbracketed(parsed.IdnHost), subdomains, explicitPort);
            return true;
        }
    }
}
