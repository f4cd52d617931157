namespace Platform.Audit.Tests;

public sealed class InMemoryAuditLogTests : AuditLogBehaviour
{
    protected override Task<IAuditLog> CreateLogAsync() => Task.FromResult<IAuditLog>(new InMemoryAuditLog());
}
