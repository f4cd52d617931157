using Platform.Grains.Identity;

namespace Platform.Grains.Governance;

/// <summary>
/// Whether the Atlassian account that consented may be connected for a user: the account id the directory holds, else
/// the email it holds (or the user id, where that is an email address), must be the account's. Where the directory
/// holds neither, the tenant's <see cref="UnmatchedAccountPolicy"/> decides. A consent a sign-in already matched to
/// the user (signing in with Atlassian) counts as holding the account. Refusals never show what the directory holds,
/// so a person who opens someone else's link learns nothing about them.
/// </summary>
internal static class AccountMatching
{
    /// <summary>Accepted or refused, and whether to record the account's id in the directory (a binding).</summary>
    public static (AccountMatch Match, bool Bind) Decide(
        UserId user, DirectoryUserState? entry, ConnectingAccount account, TenantSecuritySettings security, bool matchedBySignIn)
    {
        if (entry is null)
        {
            return (AccountMatch.Refuse($"User '{user}' is not in this organisation's directory, so no Atlassian account can be connected for them."), false);
        }

        if (!entry.Enabled)
        {
            return (AccountMatch.Refuse($"User '{user}' is disabled in this organisation; nothing was connected."), false);
        }

        if (entry.AtlassianAccountId is { } boundId)
        {
            return (string.Equals(boundId, account.AccountId, StringComparison.Ordinal) ? AccountMatch.Accept : NotTheirs(user), false);
        }

        if (matchedBySignIn)
        {
            return (AccountMatch.Accept, true);
        }

        if (ExpectedEmail(user, entry) is { } email)
        {
            return account.Email is null
                ? (AccountMatch.Refuse($"Atlassian did not share this account's email address, so it cannot be checked against user '{user}'. Nothing was connected; ask an admin to record your Atlassian account id."), false)
                : (string.Equals(email, account.Email, StringComparison.OrdinalIgnoreCase) ? AccountMatch.Accept : NotTheirs(user), false);
        }

        return security.UnmatchedAccounts == UnmatchedAccountPolicy.BindOnFirstConnect
            ? (AccountMatch.Accept, true)
            : (AccountMatch.Refuse($"This organisation's directory holds neither an email address nor an Atlassian account id for user '{user}', so no account can be checked against it. Nothing was connected; ask an admin to add one."), false);
    }

    private static string? ExpectedEmail(UserId user, DirectoryUserState entry) =>
        entry.Email ?? (user.Value.Contains('@', StringComparison.Ordinal) ? user.Value : null);

    private static AccountMatch NotTheirs(UserId user) =>
        AccountMatch.Refuse($"This link was issued for user '{user}', but the Atlassian account that accepted it is not theirs. Nothing was connected; only {user} can use their link.");
}
