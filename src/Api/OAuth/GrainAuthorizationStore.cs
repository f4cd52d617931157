using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenIddict.Abstractions;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.OAuth;

namespace Platform.Api.OAuth;

/// <summary>
/// OpenIddict's authorizations on the users' grants grains of the request's tenant. Lookups go by subject (the user) or
/// by id (which names the user); listing across every user is not offered, because nothing in the flows needs it.
/// </summary>
public sealed class GrainAuthorizationStore(IGrainFactory grains, IHttpContextAccessor http) : IOpenIddictAuthorizationStore<OAuthAuthorizationEntry>
{
    private TenantId Tenant => OAuthTenant.Of(http.HttpContext);

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => throw CrossUser();

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OAuthAuthorizationEntry>, IQueryable<TResult>> query, CancellationToken cancellationToken) => throw CrossUser();

    public async ValueTask CreateAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken)
    {
        var user = UserOf(authorization.Subject);
        authorization.Id = OAuthEntryIds.New(user);
        await grains.GetOAuthGrantsGrain(Tenant, user).CreateAuthorizationAsync(authorization);
    }

    public async ValueTask DeleteAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken) =>
        await grains.GrantsOf(Tenant, authorization.Id).DeleteAuthorizationAsync(authorization.Id);

    public async IAsyncEnumerable<OAuthAuthorizationEntry> FindAsync(
        string? subject, string? client, string? status, string? type, ImmutableArray<string>? scopes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (subject is null)
        {
            throw CrossUser();
        }

        foreach (var authorization in await AuthorizationsOfAsync(subject))
        {
            if ((client is null || authorization.ApplicationId == client) && (status is null || authorization.Status == status)
                && (type is null || authorization.Type == type) && (scopes is null || scopes.Value.All(authorization.Scopes.Contains)))
            {
                yield return authorization;
            }
        }
    }

    public IAsyncEnumerable<OAuthAuthorizationEntry> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) => throw CrossUser();

    public async ValueTask<OAuthAuthorizationEntry?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        OAuthEntryIds.TryParseUser(identifier, out var user)
            ? (await grains.GetOAuthGrantsGrain(Tenant, user).GetAsync()).Authorizations.FirstOrDefault(a => a.Id == identifier)
            : null;

    public async IAsyncEnumerable<OAuthAuthorizationEntry> FindBySubjectAsync(string subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var authorization in await AuthorizationsOfAsync(subject))
        {
            yield return authorization;
        }
    }

    public ValueTask<string?> GetApplicationIdAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken) => new(authorization.ApplicationId);

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OAuthAuthorizationEntry>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) => throw CrossUser();

    public ValueTask<DateTimeOffset?> GetCreationDateAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken) => new(authorization.CreationDate);

    public ValueTask<string?> GetIdAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken) => new(authorization.Id);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken) =>
        new(OAuthProperties.Read(authorization.Properties));

    public ValueTask<ImmutableArray<string>> GetScopesAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken) => new([.. authorization.Scopes]);

    public ValueTask<string?> GetStatusAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken) => new(authorization.Status);

    public ValueTask<string?> GetSubjectAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken) => new(authorization.Subject);

    public ValueTask<string?> GetTypeAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken) => new(authorization.Type);

    public ValueTask<OAuthAuthorizationEntry> InstantiateAsync(CancellationToken cancellationToken) => new(new OAuthAuthorizationEntry());

    public IAsyncEnumerable<OAuthAuthorizationEntry> ListAsync(int? count, int? offset, CancellationToken cancellationToken) => throw CrossUser();

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OAuthAuthorizationEntry>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) => throw CrossUser();

    /// <summary>Each grants grain prunes itself on every write.</summary>
    public ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken) => new(0L);

    public async ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken)
    {
        var revoked = 0L;
        await foreach (var authorization in FindAsync(subject, client, status, type, null, cancellationToken))
        {
            revoked += await grains.GrantsOf(Tenant, authorization.Id).RevokeAuthorizationAsync(authorization.Id) ? 1 : 0;
        }

        return revoked;
    }

    public ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken = default) => throw CrossUser();

    public async ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken = default) =>
        await grains.GetOAuthGrantsGrain(Tenant, UserOf(subject)).RevokeAsync(null);

    public ValueTask SetApplicationIdAsync(OAuthAuthorizationEntry authorization, string? identifier, CancellationToken cancellationToken) =>
        StoreFields.Set(() => authorization.ApplicationId = identifier);

    public ValueTask SetCreationDateAsync(OAuthAuthorizationEntry authorization, DateTimeOffset? date, CancellationToken cancellationToken) =>
        StoreFields.Set(() => authorization.CreationDate = date);

    public ValueTask SetPropertiesAsync(OAuthAuthorizationEntry authorization, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        StoreFields.Set(() => authorization.Properties = OAuthProperties.Write(properties));

    public ValueTask SetScopesAsync(OAuthAuthorizationEntry authorization, ImmutableArray<string> scopes, CancellationToken cancellationToken) =>
        StoreFields.Set(() => authorization.Scopes = [.. scopes]);

    public ValueTask SetStatusAsync(OAuthAuthorizationEntry authorization, string? status, CancellationToken cancellationToken) =>
        StoreFields.Set(() => authorization.Status = status);

    public ValueTask SetSubjectAsync(OAuthAuthorizationEntry authorization, string? subject, CancellationToken cancellationToken) =>
        StoreFields.Set(() => authorization.Subject = subject);

    public ValueTask SetTypeAsync(OAuthAuthorizationEntry authorization, string? type, CancellationToken cancellationToken) =>
        StoreFields.Set(() => authorization.Type = type);

    public async ValueTask UpdateAsync(OAuthAuthorizationEntry authorization, CancellationToken cancellationToken)
    {
        try
        {
            authorization.ConcurrencyToken = await grains.GrantsOf(Tenant, authorization.Id).UpdateAuthorizationAsync(authorization, authorization.ConcurrencyToken);
        }
        catch (OAuthConcurrencyException exception)
        {
            throw new OpenIddictExceptions.ConcurrencyException(exception.Message, exception);
        }
    }

    private async Task<IReadOnlyList<OAuthAuthorizationEntry>> AuthorizationsOfAsync(string subject) =>
        UserId.TryParse(subject, out var user) ? (await grains.GetOAuthGrantsGrain(Tenant, user).GetAsync()).Authorizations : [];


    private static UserId UserOf(string? subject) =>
        UserId.TryParse(subject, out var user) ? user : throw new InvalidOperationException("An authorization needs a directory user as its subject.");

    private static NotSupportedException CrossUser() =>
        new("Authorizations are stored per user; this server never lists them across users.");
}
