namespace Platform.Api.Admin;

/// <summary>
/// Who is making an admin call, as the audit records it: the operator, or a tenant admin (or, for their own keys and
/// connection, a user) by user and how they authenticated (<see cref="KeyPrefix"/>: an API key's prefix, or the console
/// session's sign-in method).
/// </summary>
public sealed record AdminActor(string Role, string? Tenant, string? User, string? KeyPrefix)
{
    public const string TenantAdminRole = "tenant-admin";

    /// <summary>A person acting on their own keys, connection and authorized clients (the console's account page).</summary>
    public const string SelfServiceRole = "user";

    public static AdminActor Operator { get; } = new("operator", null, null, null);

    private static readonly object ItemKey = new();

    public bool IsOperator => Role == Operator.Role;

    public override string ToString() => IsOperator ? "operator" : $"{Role} {Tenant}/{User} ({KeyPrefix})";

    public static void Set(HttpContext http, AdminActor actor) => http.Items[ItemKey] = actor;

    public static AdminActor Of(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var actor) && actor is AdminActor known
            ? known
            : throw new InvalidOperationException("An admin route ran without its authorization filter.");
}
