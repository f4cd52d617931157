namespace Platform.Api.Admin;

/// <summary>Where admin changes are recorded. The default logs a structured line; the audit log replaces it.</summary>
public interface IAdminAuditSink
{
    Task RecordAsync(AdminAuditEvent change, CancellationToken cancellationToken);
}
