using Platform.Audit;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's audit log as admins read it: filtered pages, export, the chain's verification and counts for charts.
/// Every query is scoped to the tenant it names; in cluster mode they read as the audit reader role.
/// </summary>
public sealed class AuditAdmin(IAuditLog log, TimeProvider time)
{
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            return await log.QueryAsync(query, cancellationToken);
        }
        catch (ArgumentException) when (query.Cursor is not null)
        {
            // The limit is checked already (AuditFilter): what the log refuses is a cursor it did not hand to this tenant.
            throw new InvalidRequestException(nameof(AuditFilter.Cursor), "The cursor is not one this tenant's audit log handed out; use nextCursor of the previous page.");
        }
    }

    /// <summary>Every matching row from the query's cursor on; a bad filter or cursor is refused before the first row.</summary>
    public async Task<IAsyncEnumerable<AuditEntry>> ExportAsync(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await QueryAsync(query with { Limit = 1 }, CancellationToken.None);
        return log.ExportAsync(query with { Limit = AuditQuery.MaxLimit }, CancellationToken.None);
    }

    public async Task<AuditVerificationResponse> VerifyAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var verification = await log.VerifyAsync(tenant, cancellationToken);
        return new AuditVerificationResponse(
            tenant.Value, verification.IsIntact, verification.RowsChecked, verification.FirstSequence, verification.UnkeyedRows,
            verification.FirstBrokenSequence, verification.Problem);
    }

    /// <summary>Tool calls of the last <paramref name="hours"/> hours (the current one included) per hour and decision, and the top tools.</summary>
    public Task<AuditSummary> SummarizeRecentAsync(TenantId tenant, int hours, CancellationToken cancellationToken)
    {
        var to = AuditSummaryHours.Start(time.GetUtcNow()).AddHours(1);
        return log.SummarizeAsync(new AuditSummaryQuery(tenant, to.AddHours(-hours), to), cancellationToken);
    }

    /// <summary>Tool calls since midnight UTC.</summary>
    public Task<AuditSummary> SummarizeTodayAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return log.SummarizeAsync(new AuditSummaryQuery(tenant, midnight, midnight.AddDays(1)), cancellationToken);
    }
}
