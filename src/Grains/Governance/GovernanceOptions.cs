using System.ComponentModel.DataAnnotations;

namespace Platform.Grains.Governance;

/// <summary>How user grains hold the tool policy governance gives them. Section <c>Governance</c>.</summary>
public sealed class GovernanceOptions
{
    public const string Section = "Governance";

    /// <summary>
    /// How long a user's grain trusts the policy it holds before it asks governance again. Pushes make a change take
    /// effect at once; the lease bounds how long a push that never arrived can go unnoticed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PolicyLease { get; set; } = TimeSpan.FromSeconds(5);
}
