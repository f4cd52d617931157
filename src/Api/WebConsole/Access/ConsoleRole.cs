namespace Platform.Api.WebConsole.Access;

/// <summary>What a console caller may do, as in the admin API: run the platform, administer one tenant, or use it.</summary>
public enum ConsoleRole
{
    Operator,
    TenantAdmin,
    Member,
}
