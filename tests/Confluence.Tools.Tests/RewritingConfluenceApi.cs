namespace Platform.Confluence.Tools.Tests;

/// <summary>Forwards to the simulator and hands each of its answers to <c>rewrite</c> before the tool sees it.</summary>
public sealed class RewritingConfluenceApi(HttpConfluenceApi inner, Func<ConfluenceResponse, ConfluenceResponse> rewrite) : IConfluenceApi
{
    public async Task<ConfluenceResponse> SendAsync(ConfluenceRequest request, CancellationToken cancellationToken) =>
        rewrite(await inner.SendAsync(request, cancellationToken));

    public Task<ConfluenceDownload> DownloadAsync(string path, long maxBytes, CancellationToken cancellationToken) =>
        inner.DownloadAsync(path, maxBytes, cancellationToken);

    public Task<IReadOnlyList<AccessibleSite>> GetAccessibleSitesAsync(CancellationToken cancellationToken) => inner.GetAccessibleSitesAsync(cancellationToken);
}
