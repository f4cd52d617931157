using Platform.Database;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>A test database migrated with roles: the admin connection that migrated it, and each role's connection.</summary>
public sealed record PlatformDatabase(
    string Admin, DatabaseRoleOptions Options, DatabaseRoles Roles, string Owner, string Orleans, string AuditWriter, string AuditReader);
