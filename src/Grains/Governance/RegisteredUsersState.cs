namespace Platform.Grains.Governance;

/// <summary>
/// Which user grains hold a policy, so each change is pushed to them, and which of them have not confirmed their newest
/// policy, so the pushes are retried; both kept across the governance grain's reactivation. Stored under its own state
/// name beside <see cref="GovernanceState"/>, so a user's first activation writes this list of ids, not the tenant's
/// whole governance document.
/// </summary>
[GenerateSerializer, Alias("Platform.RegisteredUsersState")]
public sealed class RegisteredUsersState
{
    [Id(0)]
    public HashSet<string> Users { get; set; } = [];

    [Id(1)]
    public HashSet<string> Unconfirmed { get; set; } = [];
}
