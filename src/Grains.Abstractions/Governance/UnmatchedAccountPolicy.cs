namespace Platform.Grains.Governance;

/// <summary>
/// What connecting an Atlassian account does for a user whose directory entry holds neither an email address nor an
/// Atlassian account id, so nothing says which account is theirs.
/// </summary>
[GenerateSerializer, Alias("Platform.UnmatchedAccountPolicy")]
public enum UnmatchedAccountPolicy
{
    /// <summary>Nothing is connected until an admin records the user's email or Atlassian account id.</summary>
    Refuse,

    /// <summary>The first account to connect is bound: its id is recorded, and only it may connect from then on.</summary>
    BindOnFirstConnect,
}
