using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Grains.Connections;

/// <summary>A tenant's Confluence integration as an admin sets it. Secrets are set separately and never read back.</summary>
[GenerateSerializer, Immutable, Alias("Platform.IntegrationSettings")]
public sealed record IntegrationSettings(
    [property: Id(0)] string ClientId,
    [property: Id(1)] IReadOnlyList<string> Scopes,
    [property: Id(2)] string CloudId,
    [property: Id(3)] Uri SiteUrl,
    [property: Id(4)] CredentialMode Mode,
    [property: Id(5)] string? ServiceAccountEmail)
{
    private const string DigestPrefix = "sha256:";

    // Computed once per settings object (calls compare it on every call); outside the record, so equality ignores it.
    private static readonly ConditionalWeakTable<IntegrationSettings, string> Fingerprints = new();

    /// <summary>
    /// What a user's consent covers: the app, the site and the scopes. When it changes, users consent again. A digest,
    /// because every connected user keeps the one they consented under (the text of forty scopes was 1.4 KB each).
    /// </summary>
    public string ConsentFingerprint => Fingerprints.GetValue(this, static settings =>
        DigestPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings.ConsentText))));

    /// <summary>
    /// Whether <paramref name="fingerprint"/>, kept since a consent, is these settings' fingerprint: the digest, or the
    /// full text that connections consented before the digest still hold.
    /// </summary>
    public bool IsConsentFingerprint(string? fingerprint) =>
        fingerprint is not null
        && (fingerprint == ConsentFingerprint || (!fingerprint.StartsWith(DigestPrefix, StringComparison.Ordinal) && fingerprint == ConsentText));

    private string ConsentText => $"{ClientId}|{CloudId}|{string.Join(' ', Scopes)}";
}
