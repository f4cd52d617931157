namespace Platform.Confluence.Tools.Tests;

/// <summary>
/// Forwards to the simulator but, just before the tool's first PUT, lets "someone else" save the page through the
/// real API, so the tool's write meets a genuine 409 from the simulator.
/// </summary>
public sealed class InterferingConfluenceApi(HttpConfluenceApi inner, Func<Task> competingEdit) : IConfluenceApi
{
    private bool interfered;

    public async Task<ConfluenceResponse> SendAsync(ConfluenceRequest request, CancellationToken cancellationToken)
    {
        if (request.Method == "PUT" && !interfered)
        {
            interfered = true;
            await competingEdit();
        }
        return await inner.SendAsync(request, cancellationToken);
    }

    public Task<ConfluenceDownload> DownloadAsync(string path, long maxBytes, CancellationToken cancellationToken) =>
        inner.DownloadAsync(path, maxBytes, cancellationToken);

    public Task<IReadOnlyList<AccessibleSite>> GetAccessibleSitesAsync(CancellationToken cancellationToken) => inner.GetAccessibleSitesAsync(cancellationToken);
}
