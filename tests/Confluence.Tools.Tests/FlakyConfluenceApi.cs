namespace Platform.Confluence.Tools.Tests;

/// <summary>Answers the first <c>failures</c> calls with a 503 as a broken gateway would, then forwards to the simulator.</summary>
public sealed class FlakyConfluenceApi(HttpConfluenceApi inner, int failures) : IConfluenceApi
{
    private int remaining = failures;

    public Task<ConfluenceResponse> SendAsync(ConfluenceRequest request, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref remaining) >= 0
            ? Task.FromResult(new ConfluenceResponse(503, [], null))
            : inner.SendAsync(request, cancellationToken);

    public Task<ConfluenceDownload> DownloadAsync(string path, long maxBytes, CancellationToken cancellationToken) =>
        inner.DownloadAsync(path, maxBytes, cancellationToken);

    public Task<IReadOnlyList<AccessibleSite>> GetAccessibleSitesAsync(CancellationToken cancellationToken) => inner.GetAccessibleSitesAsync(cancellationToken);
}
