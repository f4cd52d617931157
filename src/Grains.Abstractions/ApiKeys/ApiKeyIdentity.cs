using Platform.Grains.Identity;

namespace Platform.Grains.ApiKeys;

/// <summary>What a verified key authenticates: its owner, who issued it, and what it opens.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ApiKeyIdentity")]
public sealed record ApiKeyIdentity(
    [property: Id(0)] UserId User,
    [property: Id(1)] string IssuedBy,
    [property: Id(2)] IReadOnlyList<string> Scopes)
{
    public bool Opens(string scope) => Scopes.Contains(scope);

    /// <summary>The issuer when someone other than the owner issued the key (the audit names them), else null.</summary>
    public string? IssuerOtherThanOwner => ApiKeyIssuers.IsSelf(IssuedBy, User) ? null : IssuedBy;
}
