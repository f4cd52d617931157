using Platform.Grains.Connections;

namespace Platform.Api.Admin;

/// <summary>The integration as admins see it; the callback URL is what they register at Atlassian.</summary>
public sealed record IntegrationResponse(
    string ClientId,
    IReadOnlyList<string> Scopes,
    string CloudId,
    Uri SiteUrl,
    string CredentialMode,
    string? ServiceAccountEmail,
    string? ClientSecretFingerprint,
    DateTimeOffset? ClientSecretSetAt,
    string? ApiTokenFingerprint,
    DateTimeOffset? ApiTokenSetAt)
{
    public static IntegrationResponse From(IntegrationView view) => new(
        view.Settings.ClientId,
        view.Settings.Scopes,
        view.Settings.CloudId,
        view.Settings.SiteUrl,
        view.Settings.Mode.ToString(),
        view.Settings.ServiceAccountEmail,
        view.ClientSecretFingerprint,
        view.ClientSecretSetAt,
        view.ApiTokenFingerprint,
        view.ApiTokenSetAt);
}
