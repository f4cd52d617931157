using System.Text.RegularExpressions;
using Platform.Grains.Confluence;
using Platform.Grains.Refusals;

namespace Platform.Grains.Connections;

/// <summary>
/// Validates and normalises a tenant's integration settings, so a bad request changes nothing. Each broken rule is an
/// <see cref="InvalidRequestException"/> naming the request field (as the admin API spells it) that breaks it.
/// </summary>
internal static partial class IntegrationRules
{
    public const string OfflineAccess = "offline_access";

    /// <summary>Connecting reads <c>/me</c> to learn whose account consented.</summary>
    public const string ReadMe = "read:me";

    public static IntegrationSettings Normalize(IntegrationSettings settings, ConfluenceDestinations destinations)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(destinations);
        var clientId = settings.ClientId?.Trim() ?? "";
        if (clientId.Length is 0 or > 128)
        {
            throw new InvalidRequestException(nameof(settings.ClientId), "The Atlassian OAuth client id is required (at most 128 characters).");
        }

        var scopes = (settings.Scopes ?? []).Select(s => s?.Trim() ?? "").Append(OfflineAccess).Append(ReadMe).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var badScope = scopes.FirstOrDefault(s => !ScopePattern().IsMatch(s));
        if (badScope is not null)
        {
            throw new InvalidRequestException(nameof(settings.Scopes), $"{Echo.Quote(badScope)} is not an Atlassian scope (for example read:page:confluence).");
        }

        var cloudId = settings.CloudId?.Trim() ?? "";
        if (cloudId.Length is 0 or > 64)
        {
            throw new InvalidRequestException(nameof(settings.CloudId), "The Confluence site's cloudId is required.");
        }

        var site = settings.SiteUrl ?? throw new InvalidRequestException(nameof(settings.SiteUrl), "The site URL is required, for example https://your-domain.atlassian.net.");
        if (destinations.SiteProblem(site) is { } siteProblem)
        {
            throw new InvalidRequestException(nameof(settings.SiteUrl), siteProblem);
        }

        if (!Enum.IsDefined(settings.Mode))
        {
            throw new InvalidRequestException("CredentialMode", "Unknown credential mode.");
        }

        var email = settings.ServiceAccountEmail?.Trim();
        if (settings.Mode == CredentialMode.SharedApiToken && (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal)))
        {
            throw new InvalidRequestException(nameof(settings.ServiceAccountEmail), "Shared credentials need the service account's email.");
        }

        return new IntegrationSettings(clientId, scopes, cloudId, site, settings.Mode, string.IsNullOrEmpty(email) ? null : email);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_\-]*(:[a-z0-9_.\-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex ScopePattern();
}
