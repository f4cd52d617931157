using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Mcp;

/// <summary>The MCP endpoint's limits and browser-origin allow-list (section <c>Mcp</c>).</summary>
public sealed class McpOptions
{
    public const string Section = "Mcp";

    /// <summary>Largest accepted request body; bigger requests get 413. Room for a base64 attachment upload.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Browser origins allowed to call the endpoint (for example a web-based MCP client). Requests without an
    /// <c>Origin</c> header (desktop clients, agents) are unaffected; any other origin gets 403 (DNS-rebinding defence).
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>How long a verified API key is trusted before it is checked again (bounds revocation delay).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(1);
}
