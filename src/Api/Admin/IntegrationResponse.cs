using Platform.Grains.Connections;

namespace Platform.Api.Admin;

/// <summary>The integration as admins see it; <see cref="CallbackUrl"/> is what they register at Atlassian.</summary>
public sealed record IntegrationResponse(
    Uri CallbackUrl,
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
    public static IntegrationResponse From(IntegrationView view, Uri callbackUrl) => new(
        callbackUrl,
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
