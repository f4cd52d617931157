using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// Who is making an admin call, as the audit records it: the operator, or a tenant admin by user and key prefix, with
/// who issued that key when it was not the admin (<see cref="CredentialIssuer"/>).
/// </summary>
public sealed record AdminActor(string Role, string? Tenant, string? User, string? KeyPrefix)
{
    public static AdminActor Operator { get; } = new("operator", null, null, null);

    /// <summary>A person signed in on their own account page, acting on their own keys.</summary>
    public static AdminActor SignedIn(TenantId tenant, UserId user) => new("user", tenant.Value, user.Value, null);

    private static readonly object ItemKey = new();

    public bool IsOperator => Role == Operator.Role;

    /// <summary>The issuer of the admin's key when someone else issued it (<see cref="ApiKeyIssuers"/>), else null.</summary>
    public string? CredentialIssuer { get; init; }

    /// <summary>How the actor authenticated, as tool calls record it: <c>api-key:&lt;id&gt;</c>, or null for the operator key.</summary>
    public string? Credential => KeyPrefix is null ? null : "api-key:" + KeyPrefix[ApiKeyToken.Scheme.Length..];

    /// <summary>Who issues a key this actor asks for: the operator, or the admin themselves.</summary>
    public string Issuer => IsOperator ? ApiKeyIssuers.Operator : ApiKeyIssuers.ForUser(UserId.Parse(User));

    public override string ToString() => Role switch
    {
        "operator" => "operator",
        "user" => $"user {Tenant}/{User} (signed in)",
        _ => $"tenant-admin {Tenant}/{User} ({KeyPrefix})",
    };

    public static void Set(HttpContext http, AdminActor actor) => http.Items[ItemKey] = actor;

    public static AdminActor Of(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var actor) && actor is AdminActor known
            ? known
            : throw new InvalidOperationException("An admin route ran without its authorization filter.");
}
