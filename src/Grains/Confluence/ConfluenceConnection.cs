using Platform.Atlassian;
using Platform.Confluence.Tools;
using Platform.Grains.RateLimits;

namespace Platform.Grains.Confluence;

/// <summary>
/// One tool call's view of Confluence: the caller's credentials, and the rules the call's outcome depends on.
/// <list type="bullet">
/// <item>The call may be abandoned (the client cancels, or reads run past <c>deadline</c>) only until its first write
/// is sent; from then on the client cannot stop it, so the audit log records what really happened to the content. What
/// follows the first write gets one more <c>deadline</c>, so a call always ends within two: past it, the answer says the
/// change may have been applied.</item>
/// <item>A 429 or 503 holds every user of the tenant off the site (<see cref="UserCallLimiter.ReportUpstreamAsync"/>).</item>
/// <item>It adds up the time spent waiting for Confluence and notes a 401, which means the credentials stopped working.</item>
/// </list>
/// </summary>
public sealed class ConfluenceConnection : IConfluenceApi, IDisposable
{
    private readonly ConfluenceClient client;
    private readonly ConfluenceCredentials credentials;
    private readonly UserCallLimiter limiter;
    private readonly AtlassianOAuthClient oauth;
    private readonly IReadOnlyList<AccessibleSite>? fixedSites;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource abandon = new();
    private readonly TimeSpan deadline;
    private CancellationTokenSource? afterWrite;
    private readonly CancellationTokenRegistration clientRegistration;
    private readonly ITimer deadlineTimer;
    private long upstreamTicks;
    private bool writeSent;
    private bool unauthorized;
    private bool disposed;

    /// <summary>
    /// A connection for one call. <paramref name="fixedSites"/> are a service account's sites (it has no
    /// accessible-resources call), null for OAuth; reads may take <paramref name="deadline"/> in all; and
    /// <paramref name="clientCancellation"/> is signalled when the client cancels the call or goes away.
    /// </summary>
    public ConfluenceConnection(
        ConfluenceClient client,
        ConfluenceCredentials credentials,
        UserCallLimiter limiter,
        AtlassianOAuthClient oauth,
        IReadOnlyList<AccessibleSite>? fixedSites,
        TimeProvider time,
        TimeSpan deadline,
        CancellationToken clientCancellation)
    {
        (this.client, this.credentials, this.limiter, this.oauth, this.fixedSites, this.time, this.deadline) = (client, credentials, limiter, oauth, fixedSites, time, deadline);
        clientRegistration = clientCancellation.Register(() => TryAbandon(AbandonReason.Client));
        deadlineTimer = time.CreateTimer(_ => TryAbandon(AbandonReason.Deadline), null, deadline, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The token the tool runs under: cancelled when the call is abandoned, never after a write was sent.</summary>
    public CancellationToken CancellationToken => abandon.Token;

    public ConfluenceCredentials Credentials => credentials;

    public TimeSpan UpstreamTime => TimeSpan.FromTicks(Interlocked.Read(ref upstreamTicks));

    /// <summary>Why the call was abandoned, or null when it was not.</summary>
    public AbandonReason? Abandoned { get; private set; }

    /// <summary>True once a request that changes content has been sent: its outcome is Confluence's, not the client's.</summary>
    public bool WriteSent
    {
        get
        {
            lock (gate)
            {
                return writeSent;
            }
        }
    }

    /// <summary>What followed the first write ran past its deadline: the write's outcome is not known.</summary>
    public bool WriteTimedOut => afterWrite?.IsCancellationRequested == true;

    /// <summary>Confluence answered 401: the credentials no longer work (a revoked grant, a replaced API token).</summary>
    public bool Unauthorized => Volatile.Read(ref unauthorized);

    public async Task<ConfluenceResponse> SendAsync(ConfluenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = abandon.Token;
        if (!string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            lock (gate)
            {
                if (Abandoned is not null)
                {
                    throw new OperationCanceledException(abandon.Token);
                }

                writeSent = true;
                afterWrite ??= new CancellationTokenSource(deadline, time);
            }

            // The client can no longer stop the call: only its deadline after the first write can.
            token = afterWrite.Token;
        }
        else if (afterWrite is not null)
        {
            token = afterWrite.Token;
        }

        var started = time.GetTimestamp();
        try
        {
            var response = await client.SendAsync(credentials, request, token).ConfigureAwait(false);
            await NoteAsync(response.StatusCode, response.RetryAfter).ConfigureAwait(false);
            return response;
        }
        finally
        {
            Interlocked.Add(ref upstreamTicks, time.GetElapsedTime(started).Ticks);
        }
    }

    public async Task<ConfluenceDownload> DownloadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var download = await client.DownloadAsync(credentials, path, maxBytes, afterWrite?.Token ?? abandon.Token).ConfigureAwait(false);
            await NoteAsync(download.StatusCode, download.RetryAfter).ConfigureAwait(false);
            return download;
        }
        finally
        {
            Interlocked.Add(ref upstreamTicks, time.GetElapsedTime(started).Ticks);
        }
    }

    public async Task<IReadOnlyList<AccessibleSite>> GetAccessibleSitesAsync(CancellationToken cancellationToken)
    {
        if (fixedSites is not null)
        {
            return fixedSites;
        }

        var resources = await oauth.GetAccessibleResourcesAsync(credentials.Authorization.Parameter!, abandon.Token).ConfigureAwait(false);
        return [.. resources.Select(resource => new AccessibleSite(resource.Id, resource.Url.AbsoluteUri, resource.Name, resource.Scopes))];
    }

    /// <summary>What an answer tells the gateway beyond the call: credentials that stopped working, a site that asks for room.</summary>
    private Task NoteAsync(int status, TimeSpan? retryAfter)
    {
        if (status == 401)
        {
            Volatile.Write(ref unauthorized, true);
        }

        return status is 429 or 503 ? limiter.ReportUpstreamAsync(credentials.SiteId, status, retryAfter) : Task.CompletedTask;
    }

    public void Dispose()
    {
        clientRegistration.Dispose();
        deadlineTimer.Dispose();
        lock (gate)
        {
            disposed = true;
            abandon.Dispose();
            afterWrite?.Dispose();
        }
    }

    private void TryAbandon(AbandonReason reason)
    {
        lock (gate)
        {
            if (writeSent || disposed || Abandoned is not null)
            {
                return;
            }

            Abandoned = reason;
            abandon.Cancel();
        }
    }
}
