using System.ComponentModel.DataAnnotations;

namespace Platform.Grains.Connections;

/// <summary>Section <c>PublicEndpoint</c>: how the outside world reaches this gateway, for OAuth callbacks.</summary>
public sealed class PublicEndpointOptions
{
    public const string Section = "PublicEndpoint";
    public const string CallbackPath = "/integration-callback";

    /// <summary>The gateway's page a connect link opens: it says whose account is being connected before sending the person to Atlassian.</summary>
    public const string ConnectPath = "/connect";

    private Uri baseUrl = new("http://127.0.0.1:5080");
    private Uri? callbackUrl;

    /// <summary>Public base URL of the gateway, e.g. <c>https://mcp.example.com</c>; the callback admins register at Atlassian hangs off it.</summary>
    [Required]
    public Uri BaseUrl
    {
        get => baseUrl;
        set => (baseUrl, callbackUrl) = (value, null);
    }

    public TimeSpan ConnectLinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The callback under the base URL, keeping any path prefix the gateway is served under; built once, as every user's grain keeps it.</summary>
    public Uri CallbackUrl => callbackUrl ??= Under(CallbackPath);

    /// <summary>A connect link: the gateway's page for one pending link, named by its OAuth state.</summary>
    public Uri ConnectUrl(string state) => new($"{Under(ConnectPath).AbsoluteUri}?state={Uri.EscapeDataString(state)}");

    private Uri Under(string path) => new(new Uri(BaseUrl.AbsoluteUri.TrimEnd('/') + "/"), path.TrimStart('/'));
}
