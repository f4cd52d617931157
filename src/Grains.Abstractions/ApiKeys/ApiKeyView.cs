using Platform.Grains.Identity;

namespace Platform.Grains.ApiKeys;

/// <summary>What anyone may see of a key: its prefix, owner, name, lifetime, issuer and scopes; never the secret or its hash.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ApiKeyView")]
public sealed record ApiKeyView(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Prefix,
    [property: Id(2)] UserId User,
    [property: Id(3)] string Name,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? ExpiresAt,
    [property: Id(6)] DateTimeOffset? RevokedAt,
    [property: Id(7)] string IssuedBy,
    [property: Id(8)] IReadOnlyList<string> Scopes);
