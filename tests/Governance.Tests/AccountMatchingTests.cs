using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Governance.Tests;

/// <summary>Which consenting Atlassian account may be connected for a directory user, and when it is bound to them.</summary>
public sealed class AccountMatchingTests
{
    private static readonly UserId Alice = UserId.Parse("alice");
    private static readonly ConnectingAccount AlicesAccount = new("557058:alice", "Alice@Example.com");
    private static readonly ConnectingAccount BobsAccount = new("557058:bob", "bob@example.com");

    public static TheoryData<string, DirectoryUserState?, ConnectingAccount, UnmatchedAccountPolicy, bool, bool, bool> Cases => new()
    {
        { "not in the directory", null, AlicesAccount, UnmatchedAccountPolicy.BindOnFirstConnect, true, false, false },
        { "disabled", new() { Email = "alice@example.com" }, AlicesAccount, UnmatchedAccountPolicy.Refuse, false, false, false },
        { "email, any case", Entry(email: "alice@example.com"), AlicesAccount, UnmatchedAccountPolicy.Refuse, false, true, false },
        { "email of someone else", Entry(email: "alice@example.com"), BobsAccount, UnmatchedAccountPolicy.BindOnFirstConnect, false, false, false },
        { "email, account shares none", Entry(email: "alice@example.com"), AlicesAccount with { Email = null }, UnmatchedAccountPolicy.Refuse, false, false, false },
        { "account id wins over email", Entry(email: "bob@example.com", accountId: "557058:alice"), AlicesAccount, UnmatchedAccountPolicy.Refuse, false, true, false },
        { "account id of someone else", Entry(accountId: "557058:alice"), BobsAccount, UnmatchedAccountPolicy.Refuse, true, false, false },
        { "neither, refused by default", Entry(), AlicesAccount, UnmatchedAccountPolicy.Refuse, false, false, false },
        { "neither, first connect binds", Entry(), AlicesAccount, UnmatchedAccountPolicy.BindOnFirstConnect, false, true, true },
        { "signed in with Atlassian: binds", Entry(email: "alice@example.com"), AlicesAccount, UnmatchedAccountPolicy.Refuse, true, true, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string name, DirectoryUserState? entry, ConnectingAccount account, UnmatchedAccountPolicy unmatched, bool matchedBySignIn, bool accepted, bool binds)
    {
        var (match, bind) = AccountMatching.Decide(Alice, entry, account, new TenantSecuritySettings(unmatched, false), matchedBySignIn);

        Assert.True((accepted, binds) == (match.Accepted, bind), $"{name}: {match.Refusal}");
        Assert.Equal(accepted, match.Refusal is null);
        Assert.DoesNotContain("alice@example.com", match.Refusal ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_user_id_that_is_an_email_counts_as_the_directory_email()
    {
        var byId = UserId.Parse("alice@example.com");

        Assert.True(AccountMatching.Decide(byId, Entry(), AlicesAccount, TenantSecuritySettings.Default, false).Match.Accepted);
        Assert.False(AccountMatching.Decide(byId, Entry(), BobsAccount, TenantSecuritySettings.Default, false).Match.Accepted);
    }

    private static DirectoryUserState Entry(string? email = null, string? accountId = null) =>
        new() { Email = email, AtlassianAccountId = accountId, Enabled = true };
}
