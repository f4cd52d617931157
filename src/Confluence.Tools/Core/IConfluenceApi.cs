namespace Platform.Confluence.Tools;

/// <summary>
/// The transport a tool calls Confluence through. The user's grain implements it with the user's credentials
/// (Bearer via <c>api.atlassian.com/ex/confluence/{cloudId}/</c>, or Basic on the site); paths are relative to that root,
/// for example <c>wiki/api/v2/pages/42?body-format=storage</c>.
/// </summary>
public interface IConfluenceApi
{
    Task<ConfluenceResponse> SendAsync(ConfluenceRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// GETs a binary body (an attachment's bytes, following Confluence's redirect to its media store), reading at most
    /// <paramref name="maxBytes"/>: a longer body answers <see cref="ConfluenceDownload.TooLarge"/> without being read whole.
    /// </summary>
    Task<ConfluenceDownload> DownloadAsync(string path, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Sites the current credentials can reach (OAuth: accessible-resources; shared API token: the configured site).</summary>
    Task<IReadOnlyList<AccessibleSite>> GetAccessibleSitesAsync(CancellationToken cancellationToken);
}
