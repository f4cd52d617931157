using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// Who is making an admin call, as the audit records it: the operator, or a tenant admin (or, for their own keys and
/// connection, a user) by user and how they authenticated (<see cref="KeyPrefix"/>: an API key's prefix, or the console
/// session's sign-in method), with who issued that key when it was not the admin (<see cref="CredentialIssuer"/>).
/// </summary>
public sealed record AdminActor(string Role, string? Tenant, string? User, string? KeyPrefix)
{
    public const string TenantAdminRole = "tenant-admin";

    /// <summary>A person acting on their own keys, connection and authorized clients (the console's account page).</summary>
    public const string SelfServiceRole = "user";

    public static AdminActor Operator { get; } = new("operator", null, null, null);

    /// <summary>A person signed in on their own account page, acting on their own keys.</summary>
    public static AdminActor SignedIn(TenantId tenant, UserId user) => new(SelfServiceRole, tenant.Value, user.Value, null);

    private static readonly object ItemKey = new();

    public bool IsOperator => Role == Operator.Role;

    /// <summary>The issuer of the admin's key when someone else issued it (<see cref="ApiKeyIssuers"/>), else null.</summary>
    public string? CredentialIssuer { get; init; }

    /// <summary>How the actor authenticated, as tool calls record it: <c>api-key:&lt;id&gt;</c>, a console sign-in method, or null for the operator key.</summary>
    public string? Credential => KeyPrefix switch
    {
        null => null,
        var prefix when prefix.StartsWith(ApiKeyToken.Scheme, StringComparison.Ordinal) => "api-key:" + prefix[ApiKeyToken.Scheme.Length..],
        var other => other,
    };

    /// <summary>Who issues a key this actor asks for: the operator, or the admin themselves.</summary>
    public string Issuer => IsOperator ? ApiKeyIssuers.Operator : ApiKeyIssuers.ForUser(UserId.Parse(User));

    public override string ToString() => Role switch
    {
        "operator" => "operator",
        SelfServiceRole when KeyPrefix is null => $"user {Tenant}/{User} (signed in)",
        _ => $"{Role} {Tenant}/{User} ({KeyPrefix})",
    };

    public static void Set(HttpContext http, AdminActor actor) => http.Items[ItemKey] = actor;

    public static AdminActor Of(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var actor) && actor is AdminActor known
            ? known
            : throw new InvalidOperationException("An admin route ran without its authorization filter.");
}
