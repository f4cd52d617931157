using System.Security.Cryptography;
using System.Text;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Grains.SignIn;

/// <summary>
/// Maps a signed-in identity to the tenant's directory user, and adds one (enabled member, in the default group) when
/// the tenant provisions just in time. An email only counts when the provider says it is verified.
/// </summary>
internal static class DirectoryUserResolver
{
    public static async Task<SignInOutcome> ResolveAsync(ITenantGovernanceGrain governance, SignInSettings settings, ExternalIdentity identity)
    {
        var email = identity.EmailVerified ? identity.Email : null;
        var users = await governance.GetUsersAsync();
        var match = settings.Matching switch
        {
            UserMatching.Email => email is null ? null : users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)),
            _ => users.FirstOrDefault(u => u.ExternalId == identity.Subject),
        };
        if (match is not null)
        {
            return match.Enabled
                ? new SignInOutcome(match.Id, identity.Name ?? email ?? match.Id.Value, $"Signed in as {match.Id}.")
                : SignInOutcome.Refused($"Your account '{match.Id}' is disabled in this organisation; ask an admin.");
        }

        if (settings.Matching == UserMatching.Email && email is null)
        {
            return SignInOutcome.Refused("Your identity provider did not confirm an email address, so you cannot be matched to this organisation's directory.");
        }

        if (!settings.ProvisionUsers)
        {
            return SignInOutcome.Refused($"{email ?? "Your account"} is not in this organisation's directory; ask an admin to add you.");
        }

        var created = await ProvisionAsync(governance, identity, email);
        if (settings.DefaultGroup is { } groupName && (await governance.GetGroupsAsync()).FirstOrDefault(g => g.Name == groupName) is { } group
            && !group.Members.Contains(created.Value))
        {
            await governance.ReplaceGroupAsync(group with { Members = [.. group.Members, created.Value] });
        }

        return new SignInOutcome(created, identity.Name ?? email ?? created.Value, $"Welcome: you were added to this organisation as {created}.");
    }

    private static async Task<UserId> ProvisionAsync(ITenantGovernanceGrain governance, ExternalIdentity identity, string? email)
    {
        var byHash = UserId.Parse("u-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.Subject)))[..20]);
        foreach (var id in email is not null && UserId.TryParse(email.ToLowerInvariant(), out var byEmail) ? [byEmail, byHash] : new[] { byHash })
        {
            try
            {
                await governance.CreateUserAsync(new DirectoryUser(id, identity.Subject, email, true, DirectoryRole.Member));
                return id;
            }
            catch (ConflictException) when (id != byHash)
            {
                // Someone else holds that id already: fall back to the id derived from the subject.
            }
        }

        throw new SignInFailedException("You could not be added to this organisation's directory; ask an admin.");
    }
}
