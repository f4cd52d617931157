namespace Platform.Grains.Governance;

/// <summary>Whether a tenant's MCP endpoint serves anything: only an activated, unsuspended tenant does.</summary>
public enum TenantAccess
{
    NotActivated,
    Active,
    Suspended,
    Deleted,
}
