namespace Platform.Api.Admin;

/// <summary>
/// How a tenant signs its people in, as sent: <c>method</c> <c>Atlassian</c> or <c>OpenIdConnect</c> (then issuer and
/// client id), <c>matching</c> <c>Email</c> or <c>ExternalId</c>, and optional just-in-time provisioning into a group.
/// </summary>
public sealed record SignInSettingsBody(
    string? Method, string? Matching, bool ProvisionUsers, string? DefaultGroup, string? OidcIssuer, string? OidcClientId, IReadOnlyList<string>? OidcScopes);
