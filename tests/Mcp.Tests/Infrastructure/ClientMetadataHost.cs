using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>
/// Where test clients publish their Client ID Metadata Documents: an https server on loopback with a certificate made
/// for the run, serving good documents and each kind of bad one. The gateway reaches it only because the fixture names
/// its host on the allow list and trusts its certificate, as an operator would for a private host.
/// </summary>
public sealed class ClientMetadataHost : IAsyncDisposable
{
    private static readonly string[] GrantTypes = ["authorization_code", "refresh_token"];
    private static readonly string[] ResponseTypes = ["code"];
    private static readonly string[] ElsewhereRedirect = ["https://elsewhere.example/callback"];
    private readonly WebApplication app;

    private ClientMetadataHost(WebApplication app, X509Certificate2 certificate, int port)
    {
        this.app = app;
        Certificate = certificate;
        Port = port;
    }

    public X509Certificate2 Certificate { get; }

    public int Port { get; }

    public Uri BaseUrl => new($"https://127.0.0.1:{Port}/");

    /// <summary>A document URL: <c>good</c>, <c>large</c>, <c>redirect</c>, <c>wrong-id</c>, <c>other-redirects</c>, <c>secret</c>.</summary>
    public Uri Document(string name) => new(BaseUrl, $"clients/{name}.json");

    public static async Task<ClientMetadataHost> StartAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.MapGet("/clients/{name}.json", (string name, HttpContext http) => Serve(name, http));
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        return new ClientMetadataHost(app, certificate, port);
    }

    private static IResult Serve(string name, HttpContext http)
    {
        var self = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}";
        var redirects = new[] { GatewayFixture.OAuthRedirectUri.AbsoluteUri };
        return name switch
        {
            "good" or "good-node" => Results.Json(new { client_id = self, client_name = $"Metadata document client ({name})", redirect_uris = redirects, grant_types = GrantTypes, response_types = ResponseTypes, token_endpoint_auth_method = "none" }),
            "large" => Results.Json(new { client_id = self, client_name = new string('x', 64 * 1024), redirect_uris = redirects }),
            "redirect" => Results.Redirect("/clients/good.json"),
            "wrong-id" => Results.Json(new { client_id = "https://elsewhere.example/client.json", redirect_uris = redirects }),
            "other-redirects" => Results.Json(new { client_id = self, redirect_uris = ElsewhereRedirect }),
            "secret" => Results.Json(new { client_id = self, redirect_uris = redirects, token_endpoint_auth_method = "client_secret_basic", client_secret = "s" }),
            _ => Results.NotFound(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Certificate.Dispose();
    }
}
