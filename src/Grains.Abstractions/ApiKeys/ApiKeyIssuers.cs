using Platform.Grains.Identity;

namespace Platform.Grains.ApiKeys;

/// <summary>
/// Who issued a key, as stored with it and written to the audit log beside every call made with it:
/// <c>operator</c>, or <c>user:&lt;id&gt;</c> for a user of the key's tenant (its owner, or an admin).
/// </summary>
public static class ApiKeyIssuers
{
    public const string Operator = "operator";

    /// <summary>Keys issued before issuers were recorded: only admins and the operator could issue them then.</summary>
    public const string Unrecorded = "unrecorded";

    private const string UserPrefix = "user:";

    public static string ForUser(UserId user) => UserPrefix + user.Value;

    /// <summary>True when <paramref name="issuer"/> is <paramref name="owner"/> themselves.</summary>
    public static bool IsSelf(string? issuer, UserId owner) => issuer == ForUser(owner);
}
