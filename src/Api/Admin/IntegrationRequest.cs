using Platform.Grains.Connections;

namespace Platform.Api.Admin;

/// <summary>Registers or changes a tenant's integration. Credential mode defaults to <see cref="CredentialMode.PerUserOAuth"/>.</summary>
public sealed record IntegrationRequest(
    string? ClientId, IReadOnlyList<string>? Scopes, string? CloudId, string? SiteUrl, CredentialMode? CredentialMode, string? ServiceAccountEmail);
