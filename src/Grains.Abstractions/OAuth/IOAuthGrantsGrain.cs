namespace Platform.Grains.OAuth;

/// <summary>
/// One user's OAuth grants to AI clients: authorizations (consents) and the codes and refresh tokens issued under them.
/// Every save is checked against the entry's concurrency token, so a code or refresh token is redeemed at most once
/// even when two Api pods race. Key: <see cref="GrainKeys.ForUser"/>.
/// </summary>
[Alias("Platform.IOAuthGrantsGrain")]
public interface IOAuthGrantsGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<OAuthGrants> GetAsync();

    [Alias("CreateAuthorization")]
    Task CreateAuthorizationAsync(OAuthAuthorizationEntry authorization);

    /// <summary>Saves <paramref name="authorization"/> if its stored concurrency token is <paramref name="expectedConcurrencyToken"/>; returns the new one.</summary>
    [Alias("UpdateAuthorization")]
    Task<string> UpdateAuthorizationAsync(OAuthAuthorizationEntry authorization, string expectedConcurrencyToken);

    /// <summary>Deletes the authorization and every token issued under it.</summary>
    [Alias("DeleteAuthorization")]
    Task DeleteAuthorizationAsync(string authorizationId);

    [Alias("CreateToken")]
    Task CreateTokenAsync(OAuthTokenEntry token);

    [Alias("UpdateToken")]
    Task<string> UpdateTokenAsync(OAuthTokenEntry token, string expectedConcurrencyToken);

    [Alias("DeleteToken")]
    Task DeleteTokenAsync(string tokenId);

    /// <summary>Revokes the user's authorizations (of one client, or all) and every token under them; returns how many.</summary>
    [Alias("RevokeClient")]
    Task<int> RevokeAsync(string? clientId);

    /// <summary>Revokes one authorization and its tokens; false when there was nothing valid to revoke.</summary>
    [Alias("RevokeAuthorization")]
    Task<bool> RevokeAuthorizationAsync(string authorizationId);

    /// <summary>Whether access tokens issued under the authorization may still be used: it exists and is valid.</summary>
    [Alias("IsAuthorizationValid"), Idempotent, ResponseTimeout(IdempotentAttribute.LookupTimeout)]
    Task<bool> IsAuthorizationValidAsync(string authorizationId);
}
