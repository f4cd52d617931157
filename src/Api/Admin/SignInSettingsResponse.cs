using Platform.Grains.SignIn;

namespace Platform.Api.Admin;

/// <summary>How a tenant signs its people in, as admins see it: the OIDC client secret only as a fingerprint.</summary>
public sealed record SignInSettingsResponse(
    string Method, string Matching, bool ProvisionUsers, string? DefaultGroup, Uri? OidcIssuer, string? OidcClientId, IReadOnlyList<string>? OidcScopes,
    Uri OidcRedirectUri, string? OidcClientSecretFingerprint, DateTimeOffset? OidcClientSecretSetAt)
{
    public static SignInSettingsResponse From(SignInSettingsView view, Uri redirectUri) => new(
        view.Settings.Method.ToString(), view.Settings.Matching.ToString(), view.Settings.ProvisionUsers, view.Settings.DefaultGroup,
        view.Settings.Oidc?.Issuer, view.Settings.Oidc?.ClientId, view.Settings.Oidc?.Scopes, redirectUri,
        view.OidcClientSecretFingerprint, view.OidcClientSecretSetAt);
}
