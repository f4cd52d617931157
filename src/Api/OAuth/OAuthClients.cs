using Platform.Grains.OAuth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Api.OAuth;

/// <summary>
/// The one shape every client of this server has, however it registered: a public client (no secret) using the
/// authorization code flow with PKCE and refresh tokens at this tenant's endpoints.
/// </summary>
public static class OAuthClients
{
    public static OAuthClientEntry Public(string clientId, string displayName, IEnumerable<string> redirectUris, ClientRegistration registration, DateTimeOffset createdAt) => new()
    {
        ClientId = clientId,
        DisplayName = displayName,
        ClientType = ClientTypes.Public,
        ConsentType = ConsentTypes.Explicit,
        RedirectUris = [.. redirectUris.Distinct(StringComparer.Ordinal)],
        Permissions =
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
        ],
        Requirements = [Requirements.Features.ProofKeyForCodeExchange],
        Registration = registration,
        CreatedAt = createdAt,
    };
}
