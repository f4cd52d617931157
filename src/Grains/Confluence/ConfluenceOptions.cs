using System.ComponentModel.DataAnnotations;

namespace Platform.Grains.Confluence;

/// <summary>How the silos talk to Confluence. Section <c>Confluence</c>.</summary>
public sealed class ConfluenceOptions
{
    public const string Section = "Confluence";

    /// <summary>
    /// How long one request may take, and how long a call's reads may take in all before the call is abandoned. A
    /// write, once sent, is never abandoned by the gateway: it ends when Confluence answers or this time passes. At most
    /// a minute, so a call always ends well within the grain call's response timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
