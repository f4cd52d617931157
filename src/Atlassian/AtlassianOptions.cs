using System.ComponentModel.DataAnnotations;

namespace Platform.Atlassian;

/// <summary>
/// Section <c>Atlassian</c>: where Atlassian Cloud is. Defaults are the real cloud; tests and the demo point them at the
/// simulator, so the same code talks to both.
/// </summary>
public sealed class AtlassianOptions
{
    public const string Section = "Atlassian";

    [Required]
    public Uri AuthBaseUrl { get; set; } = new("https://auth.atlassian.com/");

    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.atlassian.com/");

    /// <summary>Refresh an access token this long before it expires, so a call never starts with a token about to lapse.</summary>
    public TimeSpan RefreshSkew { get; set; } = TimeSpan.FromMinutes(1);
}
