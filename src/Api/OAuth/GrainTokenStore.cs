using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenIddict.Abstractions;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.OAuth;

namespace Platform.Api.OAuth;

/// <summary>
/// OpenIddict's tokens (authorization codes and refresh tokens) on the users' grants grains of the request's tenant.
/// A token's id names its user, so validating a code or a refresh token is one hop to that user's grain. Codes are
/// self-contained (encrypted) rather than reference tokens, so no lookup by reference id is ever needed.
/// </summary>
public sealed class GrainTokenStore(IGrainFactory grains, IHttpContextAccessor http) : IOpenIddictTokenStore<OAuthTokenEntry>
{
    private TenantId Tenant => OAuthTenant.Of(http.HttpContext);

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => throw CrossUser();

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OAuthTokenEntry>, IQueryable<TResult>> query, CancellationToken cancellationToken) => throw CrossUser();

    public async ValueTask CreateAsync(OAuthTokenEntry token, CancellationToken cancellationToken)
    {
        var user = UserId.TryParse(token.Subject, out var subject) ? subject : throw new InvalidOperationException("A token needs a directory user as its subject.");
        token.Id = OAuthEntryIds.New(user);
        await grains.GetOAuthGrantsGrain(Tenant, user).CreateTokenAsync(token);
    }

    public async ValueTask DeleteAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => await grains.GrantsOf(Tenant, token.Id).DeleteTokenAsync(token.Id);

    public async IAsyncEnumerable<OAuthTokenEntry> FindAsync(string? subject, string? client, string? status, string? type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var token in await TokensOfAsync(subject ?? throw CrossUser()))
        {
            if ((client is null || token.ApplicationId == client) && (status is null || token.Status == status) && (type is null || token.Type == type))
            {
                yield return token;
            }
        }
    }

    public IAsyncEnumerable<OAuthTokenEntry> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) => throw CrossUser();

    public async IAsyncEnumerable<OAuthTokenEntry> FindByAuthorizationIdAsync(string identifier, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!OAuthEntryIds.TryParseUser(identifier, out var user))
        {
            yield break;
        }

        foreach (var token in (await grains.GetOAuthGrantsGrain(Tenant, user).GetAsync()).Tokens.Where(t => t.AuthorizationId == identifier))
        {
            yield return token;
        }
    }

    public async ValueTask<OAuthTokenEntry?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        OAuthEntryIds.TryParseUser(identifier, out var user)
            ? (await grains.GetOAuthGrantsGrain(Tenant, user).GetAsync()).Tokens.FirstOrDefault(t => t.Id == identifier)
            : null;

    /// <summary>No token of this server is a reference token, so no reference id can match.</summary>
    public ValueTask<OAuthTokenEntry?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken) => new((OAuthTokenEntry?)null);

    public async IAsyncEnumerable<OAuthTokenEntry> FindBySubjectAsync(string subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var token in await TokensOfAsync(subject))
        {
            yield return token;
        }
    }

    public ValueTask<string?> GetApplicationIdAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.ApplicationId);

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OAuthTokenEntry>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) => throw CrossUser();

    public ValueTask<string?> GetAuthorizationIdAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.AuthorizationId);

    public ValueTask<DateTimeOffset?> GetCreationDateAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.CreationDate);

    public ValueTask<DateTimeOffset?> GetExpirationDateAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.ExpirationDate);

    public ValueTask<string?> GetIdAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.Id);

    public ValueTask<string?> GetPayloadAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.Payload);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OAuthTokenEntry token, CancellationToken cancellationToken) =>
        new(OAuthProperties.Read(token.Properties));

    public ValueTask<DateTimeOffset?> GetRedemptionDateAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.RedemptionDate);

    public ValueTask<string?> GetReferenceIdAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.ReferenceId);

    public ValueTask<string?> GetStatusAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.Status);

    public ValueTask<string?> GetSubjectAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.Subject);

    public ValueTask<string?> GetTypeAsync(OAuthTokenEntry token, CancellationToken cancellationToken) => new(token.Type);

    public ValueTask<OAuthTokenEntry> InstantiateAsync(CancellationToken cancellationToken) => new(new OAuthTokenEntry());

    public IAsyncEnumerable<OAuthTokenEntry> ListAsync(int? count, int? offset, CancellationToken cancellationToken) => throw CrossUser();

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OAuthTokenEntry>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) => throw CrossUser();

    /// <summary>Each grants grain prunes itself on every write.</summary>
    public ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken) => new(0L);

    public ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) => throw CrossUser();

    public ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken = default) => throw CrossUser();

    /// <summary>
    /// OpenIddict revokes an authorization's tokens when one of its codes or refresh tokens is replayed: the grant is
    /// compromised, so the authorization is revoked too, which is what stops its access tokens.
    /// </summary>
    public async ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken) =>
        await grains.GrantsOf(Tenant, identifier).RevokeAuthorizationAsync(identifier) ? 1 : 0;

    public async ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken = default) =>
        UserId.TryParse(subject, out var user) ? await grains.GetOAuthGrantsGrain(Tenant, user).RevokeAsync(null) : 0;

    public ValueTask SetApplicationIdAsync(OAuthTokenEntry token, string? identifier, CancellationToken cancellationToken) => StoreFields.Set(() => token.ApplicationId = identifier);

    public ValueTask SetAuthorizationIdAsync(OAuthTokenEntry token, string? identifier, CancellationToken cancellationToken) => StoreFields.Set(() => token.AuthorizationId = identifier);

    public ValueTask SetCreationDateAsync(OAuthTokenEntry token, DateTimeOffset? date, CancellationToken cancellationToken) => StoreFields.Set(() => token.CreationDate = date);

    public ValueTask SetExpirationDateAsync(OAuthTokenEntry token, DateTimeOffset? date, CancellationToken cancellationToken) => StoreFields.Set(() => token.ExpirationDate = date);

    public ValueTask SetPayloadAsync(OAuthTokenEntry token, string? payload, CancellationToken cancellationToken) => StoreFields.Set(() => token.Payload = payload);

    public ValueTask SetPropertiesAsync(OAuthTokenEntry token, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        StoreFields.Set(() => token.Properties = OAuthProperties.Write(properties));

    public ValueTask SetRedemptionDateAsync(OAuthTokenEntry token, DateTimeOffset? date, CancellationToken cancellationToken) => StoreFields.Set(() => token.RedemptionDate = date);

    public ValueTask SetReferenceIdAsync(OAuthTokenEntry token, string? identifier, CancellationToken cancellationToken) => StoreFields.Set(() => token.ReferenceId = identifier);

    public ValueTask SetStatusAsync(OAuthTokenEntry token, string? status, CancellationToken cancellationToken) => StoreFields.Set(() => token.Status = status);

    public ValueTask SetSubjectAsync(OAuthTokenEntry token, string? subject, CancellationToken cancellationToken) => StoreFields.Set(() => token.Subject = subject);

    public ValueTask SetTypeAsync(OAuthTokenEntry token, string? type, CancellationToken cancellationToken) => StoreFields.Set(() => token.Type = type);

    public async ValueTask UpdateAsync(OAuthTokenEntry token, CancellationToken cancellationToken)
    {
        try
        {
            token.ConcurrencyToken = await grains.GrantsOf(Tenant, token.Id).UpdateTokenAsync(token, token.ConcurrencyToken);
        }
        catch (OAuthConcurrencyException exception)
        {
            throw new OpenIddictExceptions.ConcurrencyException(exception.Message, exception);
        }
    }

    private async Task<IReadOnlyList<OAuthTokenEntry>> TokensOfAsync(string subject) =>
        UserId.TryParse(subject, out var user) ? (await grains.GetOAuthGrantsGrain(Tenant, user).GetAsync()).Tokens : [];


    private static NotSupportedException CrossUser() => new("Tokens are stored per user; this server never lists them across users.");
}
