namespace Platform.Database;

/// <summary>
/// Section <c>Database:Roles</c>: the login roles <c>Silo migrate</c> creates (or updates) and grants, one per duty.
/// Either every password is given (roles on) or none (every process uses one connection: development only).
/// </summary>
public sealed class DatabaseRoleOptions
{
    public const string Section = "Database:Roles";

    /// <summary>Names are <c>{Prefix}_owner</c>, <c>{Prefix}_orleans</c>, <c>{Prefix}_audit_writer</c>, <c>{Prefix}_audit_reader</c>.</summary>
    public string Prefix { get; set; } = "platform";

    /// <summary>Owns the schema; migrations run as it.</summary>
    public string? OwnerPassword { get; set; }

    /// <summary>Orleans membership, grain state and reminders, nothing else.</summary>
    public string? OrleansPassword { get; set; }

    /// <summary>INSERT into the audit log and moving chain heads forward, nothing else.</summary>
    public string? AuditWriterPassword { get; set; }

    /// <summary>SELECT on the audit tables, nothing else.</summary>
    public string? AuditReaderPassword { get; set; }

    public bool AnyPassword =>
        !string.IsNullOrEmpty(OwnerPassword) || !string.IsNullOrEmpty(OrleansPassword)
        || !string.IsNullOrEmpty(AuditWriterPassword) || !string.IsNullOrEmpty(AuditReaderPassword);
}
