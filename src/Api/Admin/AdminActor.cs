namespace Platform.Api.Admin;

/// <summary>Who is making an admin call, as the audit records it: the operator, or a tenant admin by user and key prefix.</summary>
public sealed record AdminActor(string Role, string? Tenant, string? User, string? KeyPrefix)
{
    public static AdminActor Operator { get; } = new("operator", null, null, null);

    private static readonly object ItemKey = new();

    public bool IsOperator => Role == Operator.Role;

    public override string ToString() => IsOperator ? "operator" : $"tenant-admin {Tenant}/{User} ({KeyPrefix})";

    public static void Set(HttpContext http, AdminActor actor) => http.Items[ItemKey] = actor;

    public static AdminActor Of(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var actor) && actor is AdminActor known
            ? known
            : throw new InvalidOperationException("An admin route ran without its authorization filter.");
}
