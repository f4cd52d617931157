using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using OpenIddict.Abstractions;

namespace Platform.Api.OAuth;

/// <summary>
/// The scope store OpenIddict asks about scopes it was not told of at start-up. Every scope of this server is registered
/// in code (<see cref="OAuthScopes"/>), so this store knows no others and accepts none.
/// </summary>
public sealed class FixedScopeStore : IOpenIddictScopeStore<OAuthScopeEntry>
{
    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => new(0L);

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OAuthScopeEntry>, IQueryable<TResult>> query, CancellationToken cancellationToken) => new(0L);

    public ValueTask CreateAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => throw Fixed();

    public ValueTask DeleteAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => throw Fixed();

    public ValueTask<OAuthScopeEntry?> FindByIdAsync(string identifier, CancellationToken cancellationToken) => new((OAuthScopeEntry?)null);

    public ValueTask<OAuthScopeEntry?> FindByNameAsync(string name, CancellationToken cancellationToken) => new((OAuthScopeEntry?)null);

    public IAsyncEnumerable<OAuthScopeEntry> FindByNamesAsync(ImmutableArray<string> names, CancellationToken cancellationToken) => AsyncEnumerable.Empty<OAuthScopeEntry>();

    public IAsyncEnumerable<OAuthScopeEntry> FindByResourceAsync(string resource, CancellationToken cancellationToken) => AsyncEnumerable.Empty<OAuthScopeEntry>();

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OAuthScopeEntry>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        new(default(TResult));

    public ValueTask<string?> GetDescriptionAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => new((string?)null);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDescriptionsAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => new(ImmutableDictionary<CultureInfo, string>.Empty);

    public ValueTask<string?> GetDisplayNameAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => new((string?)null);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => new(ImmutableDictionary<CultureInfo, string>.Empty);

    public ValueTask<string?> GetIdAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => new(scope.Name);

    public ValueTask<string?> GetNameAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => new(scope.Name);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => new(ImmutableDictionary<string, JsonElement>.Empty);

    public ValueTask<ImmutableArray<string>> GetResourcesAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => new([]);

    public ValueTask<OAuthScopeEntry> InstantiateAsync(CancellationToken cancellationToken) => new(new OAuthScopeEntry());

    public IAsyncEnumerable<OAuthScopeEntry> ListAsync(int? count, int? offset, CancellationToken cancellationToken) => AsyncEnumerable.Empty<OAuthScopeEntry>();

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OAuthScopeEntry>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        AsyncEnumerable.Empty<TResult>();

    public ValueTask SetDescriptionAsync(OAuthScopeEntry scope, string? description, CancellationToken cancellationToken) => throw Fixed();

    public ValueTask SetDescriptionsAsync(OAuthScopeEntry scope, ImmutableDictionary<CultureInfo, string> descriptions, CancellationToken cancellationToken) => throw Fixed();

    public ValueTask SetDisplayNameAsync(OAuthScopeEntry scope, string? name, CancellationToken cancellationToken) => throw Fixed();

    public ValueTask SetDisplayNamesAsync(OAuthScopeEntry scope, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) => throw Fixed();

    public ValueTask SetNameAsync(OAuthScopeEntry scope, string? name, CancellationToken cancellationToken) => throw Fixed();

    public ValueTask SetPropertiesAsync(OAuthScopeEntry scope, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) => throw Fixed();

    public ValueTask SetResourcesAsync(OAuthScopeEntry scope, ImmutableArray<string> resources, CancellationToken cancellationToken) => throw Fixed();

    public ValueTask UpdateAsync(OAuthScopeEntry scope, CancellationToken cancellationToken) => throw Fixed();

    private static NotSupportedException Fixed() => new("This server's scopes are fixed in code.");
}
