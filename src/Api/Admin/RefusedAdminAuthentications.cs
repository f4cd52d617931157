using Microsoft.Extensions.Caching.Memory;
using Platform.Api.Security;
using Platform.Audit;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// Records refused admin authentications (a key was presented and refused) through <see cref="IAdminAuditSink"/>: in
/// the audit log of the tenant whose routes were asked for when it exists, else (operator routes, unknown tenants) as a
/// log line only, since an audit chain for every made-up tenant id would be the very cost unknown tenants must not
/// cause. Anyone can send refusals at will, so one row per client address and tenant a minute records them. The
/// presented key is never recorded.
/// </summary>
public sealed class RefusedAdminAuthentications(IAdminAuditSink sink, TimeProvider time) : IDisposable
{
    public const string Action = "admin.authentication-refused";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Bounded; an address spraying many tenants is stopped by the failure limiter long before it fills this.
    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public Task RecordAsync(HttpContext http, TenantId? tenant)
    {
        ArgumentNullException.ThrowIfNull(http);
        var client = AuthenticationFailureLimiter.ClientOf(http.Connection.RemoteIpAddress);
        var key = (tenant?.Value, client);
        if (recent.TryGetValue(key, out _))
        {
            return Task.CompletedTask;
        }

        recent.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Window });
        var refused = new AdminAuditEvent(time.GetUtcNow(), $"unauthenticated {client}", tenant?.Value, Action, http.Request.Path.Value ?? "", null, null)
        {
            Decision = AuditDecision.Denied,
            Reason = "The presented key is neither the operator key nor a key of an enabled admin of this tenant. "
                + "Further refusals from this address in the next minute are not recorded one by one.",
        };
        // Not cancellable: the refusal happened whether or not the client still waits.
        return sink.RecordAsync(refused, CancellationToken.None);
    }

    public void Dispose() => recent.Dispose();
}
