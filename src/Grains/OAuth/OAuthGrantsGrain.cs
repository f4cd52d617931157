namespace Platform.Grains.OAuth;

/// <summary>
/// One user's OAuth grants. Not reentrant: saves are checked and applied one at a time, which is what makes redeeming a
/// code or a refresh token single-use across every Api pod.
/// </summary>
public sealed class OAuthGrantsGrain(
    [PersistentState("oauth-grants", StorageNames.Platform)] IPersistentState<OAuthGrantsState> state,
    TimeProvider time) : Grain, IOAuthGrantsGrain
{
    private OAuthGrantsState S => state.State;

    public Task<OAuthGrants> GetAsync() => Task.FromResult(new OAuthGrants([.. S.Authorizations], [.. S.Tokens]));

    public async Task CreateAuthorizationAsync(OAuthAuthorizationEntry authorization)
    {
        if (S.Authorizations.Any(existing => existing.Id == authorization.Id))
        {
            throw new InvalidOperationException($"Authorization '{authorization.Id}' already exists.");
        }

        S.Authorizations.Add(authorization);
        await WriteAsync();
    }

    public async Task<string> UpdateAuthorizationAsync(OAuthAuthorizationEntry authorization, string expectedConcurrencyToken)
    {
        var index = IndexOf(S.Authorizations, a => a.Id == authorization.Id, expectedConcurrencyToken, a => a.ConcurrencyToken);
        authorization.ConcurrencyToken = NewConcurrencyToken();
        S.Authorizations[index] = authorization;
        await WriteAsync();
        return authorization.ConcurrencyToken;
    }

    public async Task DeleteAuthorizationAsync(string authorizationId)
    {
        if (S.Authorizations.RemoveAll(a => a.Id == authorizationId) + S.Tokens.RemoveAll(t => t.AuthorizationId == authorizationId) > 0)
        {
            await WriteAsync();
        }
    }

    public async Task CreateTokenAsync(OAuthTokenEntry token)
    {
        if (S.Tokens.Any(existing => existing.Id == token.Id))
        {
            throw new InvalidOperationException($"Token '{token.Id}' already exists.");
        }

        S.Tokens.Add(token);
        await WriteAsync();
    }

    public async Task<string> UpdateTokenAsync(OAuthTokenEntry token, string expectedConcurrencyToken)
    {
        var index = IndexOf(S.Tokens, t => t.Id == token.Id, expectedConcurrencyToken, t => t.ConcurrencyToken);
        token.ConcurrencyToken = NewConcurrencyToken();
        S.Tokens[index] = token;
        await WriteAsync();
        return token.ConcurrencyToken;
    }

    public async Task DeleteTokenAsync(string tokenId)
    {
        if (S.Tokens.RemoveAll(t => t.Id == tokenId) > 0)
        {
            await WriteAsync();
        }
    }

    public async Task<int> RevokeAsync(string? clientId)
    {
        var revoked = S.Authorizations
            .Where(a => a.Status == OAuthStatuses.Valid && (clientId is null || a.ApplicationId == clientId))
            .Select(a => a.Id)
            .ToList();
        foreach (var id in revoked)
        {
            Revoke(id);
        }

        if (revoked.Count > 0)
        {
            await WriteAsync();
        }

        return revoked.Count;
    }

    public async Task<bool> RevokeAuthorizationAsync(string authorizationId)
    {
        if (!S.Authorizations.Any(a => a.Id == authorizationId && a.Status == OAuthStatuses.Valid))
        {
            return false;
        }

        Revoke(authorizationId);
        await WriteAsync();
        return true;
    }

    public Task<bool> IsAuthorizationValidAsync(string authorizationId) =>
        Task.FromResult(S.Authorizations.Any(a => a.Id == authorizationId && a.Status == OAuthStatuses.Valid));

    private void Revoke(string authorizationId)
    {
        foreach (var authorization in S.Authorizations.Where(a => a.Id == authorizationId))
        {
            authorization.Status = OAuthStatuses.Revoked;
            authorization.ConcurrencyToken = NewConcurrencyToken();
        }

        foreach (var token in S.Tokens.Where(t => t.AuthorizationId == authorizationId && t.Status != OAuthStatuses.Revoked))
        {
            token.Status = OAuthStatuses.Revoked;
            token.ConcurrencyToken = NewConcurrencyToken();
        }
    }

    private static int IndexOf<T>(List<T> entries, Func<T, bool> match, string expectedConcurrencyToken, Func<T, string> concurrencyToken)
    {
        var index = entries.FindIndex(entry => match(entry));
        return index < 0 || concurrencyToken(entries[index]) != expectedConcurrencyToken
            ? throw new OAuthConcurrencyException("The entry was changed or removed by someone else; reload it and try again.")
            : index;
    }

    private static string NewConcurrencyToken() => Guid.NewGuid().ToString("N");

    /// <summary>Prunes what no longer matters, then writes; a failed write drops this activation so nothing unsaved is served.</summary>
    private async Task WriteAsync()
    {
        GrantRetention.Prune(S, time.GetUtcNow());
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
