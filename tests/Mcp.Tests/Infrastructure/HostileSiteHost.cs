using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>
/// A "Confluence site" on loopback that attacks the gateway, as a tenant admin's own server would: its attachment
/// downloads redirect to an internal service or the cloud metadata address, and a page's descendants list the page
/// itself. A second port plays the internal service (think <c>169.254.169.254</c> or an admin console) and counts every
/// request that reaches it. The fixture names the site's host and port, and only those, on the operator's allow-list.
/// </summary>
public sealed class HostileSiteHost : IAsyncDisposable
{
    /// <summary>Attachment ids and where their download redirects.</summary>
    public const string ToInternalService = "1", ToMetadataAddress = "2", ToItself = "3";

    /// <summary>A page whose descendants listing makes it its own descendant.</summary>
    public const string CyclicPage = "10";

    public const string MetadataUrl = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

    private readonly WebApplication app;
    private int internalRequests;

    private HostileSiteHost(WebApplication app) => this.app = app;

    public int SitePort { get; private set; }

    public int InternalPort { get; private set; }

    public Uri SiteUrl => new($"http://127.0.0.1:{SitePort}/");

    /// <summary>Requests that reached the internal service: each one a successful SSRF.</summary>
    public int InternalRequests => Volatile.Read(ref internalRequests);

    public static async Task<HostileSiteHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var host = new HostileSiteHost(app);
        app.Run(host.ServeAsync);
        await app.StartAsync();
        var ports = app.Urls.Select(url => new Uri(url).Port).ToList();
        (host.SitePort, host.InternalPort) = (ports[0], ports[1]);
        return host;
    }

    private Task ServeAsync(HttpContext http)
    {
        if (http.Connection.LocalPort == InternalPort)
        {
            Interlocked.Increment(ref internalRequests);
            return http.Response.WriteAsync("AWS_SECRET_ACCESS_KEY=internal-secret");
        }

        var path = http.Request.Path.Value ?? "";
        if (path.StartsWith("/wiki/api/v2/attachments/", StringComparison.Ordinal))
        {
            var id = path["/wiki/api/v2/attachments/".Length..];
            return http.Response.WriteAsJsonAsync(new
            {
                id,
                title = "notes.txt",
                mediaType = "text/plain",
                fileSize = "40",
                downloadLink = $"/download/attachments/{CyclicPage}/notes.txt?attachment={id}",
            });
        }

        if (path.StartsWith("/wiki/download/attachments/", StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status302Found;
            http.Response.Headers.Location = http.Request.Query["attachment"].ToString() switch
            {
                ToInternalService => $"http://127.0.0.1:{InternalPort}/latest/meta-data/",
                ToMetadataAddress => MetadataUrl,
                _ => "/wiki/files/notes.txt",
            };
            return Task.CompletedTask;
        }

        if (path == "/wiki/files/notes.txt")
        {
            return http.Response.WriteAsync("notes kept on the site itself");
        }

        if (path == $"/wiki/api/v2/pages/{CyclicPage}/descendants")
        {
            // The page is its own child, and every answer promises one more page of results.
            return http.Response.WriteAsJsonAsync(new
            {
                results = new[] { new { id = CyclicPage, title = "Loop", type = "page", parentId = CyclicPage, status = "current" } },
                _links = new { next = $"/wiki/api/v2/pages/{CyclicPage}/descendants?cursor={Guid.NewGuid():N}" },
            });
        }

        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
