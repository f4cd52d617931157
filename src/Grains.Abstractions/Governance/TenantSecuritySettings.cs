namespace Platform.Grains.Governance;

/// <summary>
/// A tenant's identity rules. <see cref="UnmatchedAccounts"/>: connecting an account for a user the directory cannot
/// match (default: refuse). <see cref="RequireSelfIssuedKeys"/>: only users issue their own API keys, so neither an
/// admin nor the operator can hold a key that acts as someone else.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.TenantSecuritySettings")]
public sealed record TenantSecuritySettings(
    [property: Id(0)] UnmatchedAccountPolicy UnmatchedAccounts,
    [property: Id(1)] bool RequireSelfIssuedKeys)
{
    public static TenantSecuritySettings Default { get; } = new(UnmatchedAccountPolicy.Refuse, false);
}
