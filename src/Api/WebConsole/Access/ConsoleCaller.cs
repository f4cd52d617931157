using Platform.Api.Admin;
using Platform.Grains.Identity;

namespace Platform.Api.WebConsole.Access;

/// <summary>
/// Who is using the console in this request: the operator (no tenant), or a directory user of one tenant with the role
/// the directory gives them now. <see cref="Via"/> says how they signed in (an API key's prefix, or the tenant's
/// sign-in method), as the audit records it.
/// </summary>
public sealed record ConsoleCaller(ConsoleRole Role, TenantId? Tenant, UserId? User, string DisplayName, string Via)
{
    public static ConsoleCaller Operator { get; } = new(ConsoleRole.Operator, null, null, "Operator", "console");

    public bool IsOperator => Role == ConsoleRole.Operator;

    /// <summary>The operator administers every tenant; a tenant admin only their own.</summary>
    public bool Administers(TenantId tenant) => IsOperator || (Role == ConsoleRole.TenantAdmin && Tenant == tenant);

    /// <summary>A person of <paramref name="tenant"/> (the operator is nobody's user).</summary>
    public bool BelongsTo(TenantId tenant) => User is not null && Tenant == tenant;

    /// <summary>The actor of an admin change made through the console.</summary>
    public AdminActor AsAdmin => IsOperator ? AdminActor.Operator : new(AdminActor.TenantAdminRole, Tenant?.Value, User?.Value, Via);

    /// <summary>The actor of a change a person makes to their own keys, connection or clients.</summary>
    public AdminActor AsSelf => new(AdminActor.SelfServiceRole, Tenant?.Value, User?.Value, Via);
}
