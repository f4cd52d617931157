using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Platform.Grains;
using Platform.Grains.OAuth;

namespace Platform.Api.OAuth;

/// <summary>
/// OpenIddict's applications: the request tenant's registered clients (admin or dynamic registration) from its registry
/// grain, and clients whose id is a URL from their metadata document. An application's id is its client id.
/// </summary>
public sealed class GrainApplicationStore(IGrainFactory grains, IHttpContextAccessor http, ClientMetadataDocuments documents) : IOpenIddictApplicationStore<OAuthClientEntry>
{
    private IOAuthClientRegistryGrain Registry => grains.GetOAuthClientRegistryGrain(OAuthTenant.Of(http.HttpContext));

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) => (await Registry.ListAsync()).Count;

    public async ValueTask<long> CountAsync<TResult>(Func<IQueryable<OAuthClientEntry>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        query((await Registry.ListAsync()).AsQueryable()).LongCount();

    public async ValueTask CreateAsync(OAuthClientEntry application, CancellationToken cancellationToken) => await Registry.RegisterAsync(application);

    public async ValueTask DeleteAsync(OAuthClientEntry application, CancellationToken cancellationToken) => await Registry.DeleteAsync(application.ClientId);

    public async ValueTask<OAuthClientEntry?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken) =>
        ClientMetadataDocuments.IsDocumentUrl(identifier)
            ? (await documents.GetAsync(identifier, cancellationToken)).Client
            : await Registry.FindAsync(identifier);

    public ValueTask<OAuthClientEntry?> FindByIdAsync(string identifier, CancellationToken cancellationToken) => FindByClientIdAsync(identifier, cancellationToken);

    public IAsyncEnumerable<OAuthClientEntry> FindByPostLogoutRedirectUriAsync(string uri, CancellationToken cancellationToken) => AsyncEnumerable.Empty<OAuthClientEntry>();

    public async IAsyncEnumerable<OAuthClientEntry> FindByRedirectUriAsync(string uri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var client in (await Registry.ListAsync()).Where(c => c.RedirectUris.Contains(uri)))
        {
            yield return client;
        }
    }

    public ValueTask<string?> GetApplicationTypeAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new(application.ApplicationType);

    public async ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OAuthClientEntry>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        query((await Registry.ListAsync()).AsQueryable(), state).FirstOrDefault();

    public ValueTask<string?> GetClientIdAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new(application.ClientId);

    public ValueTask<string?> GetClientSecretAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new(application.ClientSecretHash);

    public ValueTask<string?> GetClientTypeAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new(application.ClientType);

    public ValueTask<string?> GetConsentTypeAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new(application.ConsentType);

    public ValueTask<string?> GetDisplayNameAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new(application.DisplayName);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(OAuthClientEntry application, CancellationToken cancellationToken) =>
        new(ImmutableDictionary<CultureInfo, string>.Empty);

    public ValueTask<string?> GetIdAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new(application.ClientId);

    public ValueTask<JsonWebKeySet?> GetJsonWebKeySetAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new((JsonWebKeySet?)null);

    public ValueTask<ImmutableArray<string>> GetPermissionsAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new([.. application.Permissions]);

    public ValueTask<ImmutableArray<string>> GetPostLogoutRedirectUrisAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new([]);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OAuthClientEntry application, CancellationToken cancellationToken) =>
        new(OAuthProperties.Read(application.Properties));

    public ValueTask<ImmutableArray<string>> GetRedirectUrisAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new([.. application.RedirectUris]);

    public ValueTask<ImmutableArray<string>> GetRequirementsAsync(OAuthClientEntry application, CancellationToken cancellationToken) => new([.. application.Requirements]);

    public ValueTask<ImmutableDictionary<string, string>> GetSettingsAsync(OAuthClientEntry application, CancellationToken cancellationToken) =>
        new(application.Settings.ToImmutableDictionary());

    public ValueTask<OAuthClientEntry> InstantiateAsync(CancellationToken cancellationToken) => new(new OAuthClientEntry());

    public async IAsyncEnumerable<OAuthClientEntry> ListAsync(int? count, int? offset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var client in (await Registry.ListAsync()).Skip(offset ?? 0).Take(count ?? int.MaxValue))
        {
            yield return client;
        }
    }

    public async IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<OAuthClientEntry>, TState, IQueryable<TResult>> query, TState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var result in query((await Registry.ListAsync()).AsQueryable(), state))
        {
            yield return result;
        }
    }

    public ValueTask SetApplicationTypeAsync(OAuthClientEntry application, string? type, CancellationToken cancellationToken) => StoreFields.Set(() => application.ApplicationType = type);

    public ValueTask SetClientIdAsync(OAuthClientEntry application, string? identifier, CancellationToken cancellationToken) => StoreFields.Set(() => application.ClientId = identifier ?? "");

    public ValueTask SetClientSecretAsync(OAuthClientEntry application, string? secret, CancellationToken cancellationToken) => StoreFields.Set(() => application.ClientSecretHash = secret);

    public ValueTask SetClientTypeAsync(OAuthClientEntry application, string? type, CancellationToken cancellationToken) => StoreFields.Set(() => application.ClientType = type);

    public ValueTask SetConsentTypeAsync(OAuthClientEntry application, string? type, CancellationToken cancellationToken) => StoreFields.Set(() => application.ConsentType = type);

    public ValueTask SetDisplayNameAsync(OAuthClientEntry application, string? name, CancellationToken cancellationToken) => StoreFields.Set(() => application.DisplayName = name);

    public ValueTask SetDisplayNamesAsync(OAuthClientEntry application, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) => default;

    public ValueTask SetJsonWebKeySetAsync(OAuthClientEntry application, JsonWebKeySet? set, CancellationToken cancellationToken) =>
        set is null ? default : throw new NotSupportedException("Clients of this server are public clients; they have no keys.");

    public ValueTask SetPermissionsAsync(OAuthClientEntry application, ImmutableArray<string> permissions, CancellationToken cancellationToken) =>
        StoreFields.Set(() => application.Permissions = [.. permissions]);

    public ValueTask SetPostLogoutRedirectUrisAsync(OAuthClientEntry application, ImmutableArray<string> uris, CancellationToken cancellationToken) => default;

    public ValueTask SetPropertiesAsync(OAuthClientEntry application, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        StoreFields.Set(() => application.Properties = OAuthProperties.Write(properties));

    public ValueTask SetRedirectUrisAsync(OAuthClientEntry application, ImmutableArray<string> uris, CancellationToken cancellationToken) =>
        StoreFields.Set(() => application.RedirectUris = [.. uris]);

    public ValueTask SetRequirementsAsync(OAuthClientEntry application, ImmutableArray<string> requirements, CancellationToken cancellationToken) =>
        StoreFields.Set(() => application.Requirements = [.. requirements]);

    public ValueTask SetSettingsAsync(OAuthClientEntry application, ImmutableDictionary<string, string> settings, CancellationToken cancellationToken) =>
        StoreFields.Set(() => application.Settings = new Dictionary<string, string>(settings));

    public async ValueTask UpdateAsync(OAuthClientEntry application, CancellationToken cancellationToken)
    {
        if (application.Registration == ClientRegistration.MetadataDocument)
        {
            // Its document is the only source of truth; nothing to store.
            return;
        }

        try
        {
            application.ConcurrencyToken = await Registry.UpdateAsync(application, application.ConcurrencyToken);
        }
        catch (OAuthConcurrencyException exception)
        {
            throw new OpenIddictExceptions.ConcurrencyException(exception.Message, exception);
        }
    }
}
