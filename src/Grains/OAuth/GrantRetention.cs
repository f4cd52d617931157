namespace Platform.Grains.OAuth;

/// <summary>
/// What a user's grants keep. Redeemed refresh tokens stay until they expire, so presenting one again is recognised as
/// reuse (and revokes the whole grant) rather than as an unknown token; per authorization only the newest
/// <see cref="MaxTokensPerAuthorization"/> are kept, which bounds the state of a client that refreshes for weeks.
/// Expired tokens and ad-hoc authorizations with nothing left under them go.
/// </summary>
internal static class GrantRetention
{
    public const int MaxTokensPerAuthorization = 500;

    public static void Prune(OAuthGrantsState state, DateTimeOffset now)
    {
        state.Tokens.RemoveAll(token => token.ExpirationDate is { } expires && expires < now);
        foreach (var crowded in state.Tokens.GroupBy(token => token.AuthorizationId).Where(group => group.Count() > MaxTokensPerAuthorization).ToList())
        {
            var oldest = crowded.OrderBy(token => token.CreationDate).Take(crowded.Count() - MaxTokensPerAuthorization).ToHashSet();
            state.Tokens.RemoveAll(oldest.Contains);
        }

        var inUse = state.Tokens.Select(token => token.AuthorizationId).ToHashSet(StringComparer.Ordinal);
        state.Authorizations.RemoveAll(authorization => authorization.Type == OAuthStatuses.AdHoc
            && authorization.Status != OAuthStatuses.Valid && !inUse.Contains(authorization.Id));
    }
}
