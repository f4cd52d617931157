using System.ComponentModel.DataAnnotations;

namespace Platform.Grains.Confluence;

/// <summary>How the silos talk to Confluence. Section <c>Confluence</c>.</summary>
public sealed class ConfluenceOptions
{
    public const string Section = "Confluence";

    /// <summary>
    /// How long a call's reads may take in all before the call is abandoned, and again how long what follows its first
    /// write may take: a call ends within twice this. A write is never abandoned because the client went away, only
    /// when this passes, and then the answer says the change may have been applied.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Hosts besides <c>&lt;name&gt;.atlassian.net</c> a tenant's site URL may name (patterns: <c>host</c>, <c>host:port</c>,
    /// <c>*.domain</c>), over http or https and at any path. The gateway also connects to them when they resolve to
    /// loopback or private addresses and follows redirects to them. Empty in production; the demo and tests name the
    /// simulator here.
    /// </summary>
    public IList<string> AllowedSiteHosts { get; } = [];

    /// <summary>
    /// How long the Api waits for a tool call's grain to answer: longer than any call can take, so only a grain that is
    /// gone (its silo died mid-call) runs past it. Orleans does not fail a call whose silo died while it ran.
    /// </summary>
    public TimeSpan HopTimeout => (2 * Timeout) + TimeSpan.FromSeconds(15);
}
