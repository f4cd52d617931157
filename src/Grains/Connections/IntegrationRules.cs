using System.Text.RegularExpressions;

namespace Platform.Grains.Connections;

/// <summary>Validates and normalises a tenant's integration settings, so a bad request changes nothing.</summary>
internal static partial class IntegrationRules
{
    public const string OfflineAccess = "offline_access";

    /// <summary>Connecting reads <c>/me</c> to learn whose account consented.</summary>
    public const string ReadMe = "read:me";

    public static IntegrationSettings Normalize(IntegrationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clientId = settings.ClientId?.Trim() ?? "";
        if (clientId.Length is 0 or > 128)
        {
            throw new ArgumentException("The Atlassian OAuth client id is required (at most 128 characters).", nameof(settings));
        }

        var scopes = (settings.Scopes ?? []).Select(s => s?.Trim() ?? "").Append(OfflineAccess).Append(ReadMe).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var badScope = scopes.FirstOrDefault(s => !ScopePattern().IsMatch(s));
        if (badScope is not null)
        {
            throw new ArgumentException($"'{badScope}' is not an Atlassian scope (for example read:page:confluence).", nameof(settings));
        }

        var cloudId = settings.CloudId?.Trim() ?? "";
        if (cloudId.Length is 0 or > 64)
        {
            throw new ArgumentException("The Confluence site's cloudId is required.", nameof(settings));
        }

        if (settings.SiteUrl is not { IsAbsoluteUri: true } site || (site.Scheme != Uri.UriSchemeHttps && site.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The site URL must be absolute, for example https://your-domain.atlassian.net.", nameof(settings));
        }

        var email = settings.ServiceAccountEmail?.Trim();
        if (settings.Mode == CredentialMode.SharedApiToken && (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal)))
        {
            throw new ArgumentException("Shared credentials need the service account's email.", nameof(settings));
        }

        if (!Enum.IsDefined(settings.Mode))
        {
            throw new ArgumentException("Unknown credential mode.", nameof(settings));
        }

        return new IntegrationSettings(clientId, scopes, cloudId, site, settings.Mode, string.IsNullOrEmpty(email) ? null : email);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_\-]*(:[a-z0-9_.\-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex ScopePattern();
}
