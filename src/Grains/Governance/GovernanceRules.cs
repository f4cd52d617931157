using System.Net.Mail;
using System.Text.RegularExpressions;
using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Grains.Governance;

/// <summary>
/// What a governance change must satisfy before it touches the state: names, ids, emails, and references to tools,
/// toolsets, users and groups that exist. Each check returns the validated value or throws a refusal naming the field.
/// </summary>
internal sealed partial class GovernanceRules(GovernanceState state)
{
    public const int MaxExternalIdLength = 200;

    /// <summary>The longest address SMTP carries (RFC 5321's 256-octet path less its angle brackets).</summary>
    public const int MaxEmailLength = 254;

    public static string Name(string? name, string kind) =>
        name is not null && NamePattern().IsMatch(name)
            ? name
            : throw new InvalidRequestException(nameof(Toolset.Name),
                $"A {kind} name is 1 to 63 lowercase letters, digits or inner hyphens, for example 'writers'; {Echo.Quote(name)} is not.");

    public static ToolApproval Decision(ToolApproval decision) =>
        decision is ToolApproval.Approved or ToolApproval.Rejected or ToolApproval.Disabled
            ? decision
            : throw new InvalidRequestException("decision", "A decision is Approved, Rejected or Disabled.");

    public static DefaultToolClassification Classification(DefaultToolClassification classification) =>
        Enum.IsDefined(classification)
            ? classification
            : throw new InvalidRequestException("classification", "Use RequireApprovalForEveryTool, AutoApproveReadOnly or AutoApproveAll.");

    /// <summary>The user's stored form: trimmed email and external id, both optional.</summary>
    public static DirectoryUserState User(DirectoryUser user)
    {
        if (user.Id.Value is null || user.Id.IsSharedConnection)
        {
            throw new InvalidRequestException(nameof(DirectoryUser.Id), UserId.Rule);
        }

        var email = string.IsNullOrWhiteSpace(user.Email) ? null : user.Email.Trim();
        if (email is not null && (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out _)))
        {
            throw new InvalidRequestException(nameof(DirectoryUser.Email), $"{Echo.Quote(email)} is not an email address.");
        }

        var externalId = string.IsNullOrWhiteSpace(user.ExternalId) ? null : user.ExternalId.Trim();
        if (externalId?.Length > MaxExternalIdLength)
        {
            throw new InvalidRequestException(nameof(DirectoryUser.ExternalId), $"An external id is at most {MaxExternalIdLength} characters.");
        }

        var accountId = string.IsNullOrWhiteSpace(user.AtlassianAccountId) ? null : user.AtlassianAccountId.Trim();
        if (accountId is not null && !AtlassianAccountIdPattern().IsMatch(accountId))
        {
            throw new InvalidRequestException(nameof(DirectoryUser.AtlassianAccountId),
                $"An Atlassian account id is 1 to 128 letters, digits, ':', '_' or '-', for example '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077'; {Echo.Quote(accountId)} is not.");
        }

        return Enum.IsDefined(user.Role)
            ? new DirectoryUserState { ExternalId = externalId, Email = email, Enabled = user.Enabled, Role = user.Role, AtlassianAccountId = accountId }
            : throw new InvalidRequestException(nameof(DirectoryUser.Role), "A role is Admin or Member.");
    }

    public static TenantSecuritySettings Security(TenantSecuritySettings? settings) =>
        settings is not null && Enum.IsDefined(settings.UnmatchedAccounts)
            ? settings
            : throw new InvalidRequestException(nameof(TenantSecuritySettings.UnmatchedAccounts), "Use Refuse or BindOnFirstConnect.");

    public GovernedTool ExistingTool(string? name) =>
        state.Tools.TryGetValue(name ?? "", out var tool) ? tool : throw new NotFoundException($"The catalog has no tool {Echo.Quote(name)}.");

    /// <summary>Tool names that are all in the catalog, without duplicates.</summary>
    public List<string> ToolNames(IReadOnlyList<string>? tools) =>
        Existing(tools, state.Tools.ContainsKey, nameof(Toolset.Tools), "The catalog has no tool");

    public string NewToolset(string? name)
    {
        var valid = Name(name, "toolset");
        return Governance.Toolset.IsBuiltIn(valid) || state.Toolsets.ContainsKey(valid)
            ? throw new ConflictException($"A toolset named '{valid}' already exists.")
            : valid;
    }

    /// <summary>A custom toolset's members; the built-in sets maintain themselves and cannot be <paramref name="changed"/>.</summary>
    public List<string> CustomToolset(string? name, string changed)
    {
        if (name is not null && Governance.Toolset.IsBuiltIn(name))
        {
            throw new ConflictException($"The toolset '{name}' is built in and cannot be {changed}.");
        }

        return state.Toolsets.TryGetValue(name ?? "", out var tools) ? tools : throw new NotFoundException($"There is no toolset {Echo.Quote(name)}.");
    }

    public void Unbound(string toolset)
    {
        if (state.Profiles.FirstOrDefault(p => p.Value.Toolsets.Contains(toolset)) is { Key: { } profile })
        {
            throw new ConflictException($"The access profile '{profile}' binds toolset '{toolset}'; unbind it first.");
        }
    }

    public string NewProfile(string? name)
    {
        var valid = Name(name, "access profile");
        return state.Profiles.ContainsKey(valid) ? throw new ConflictException($"An access profile named '{valid}' already exists.") : valid;
    }

    public AccessProfileState ExistingProfile(string? name) =>
        state.Profiles.TryGetValue(name ?? "", out var profile) ? profile : throw new NotFoundException($"There is no access profile {Echo.Quote(name)}.");

    /// <summary>The profile's stored form: every toolset, user and group it names exists.</summary>
    public AccessProfileState Profile(AccessProfile profile) => new()
    {
        Toolsets = Existing(profile.Toolsets, t => Governance.Toolset.IsBuiltIn(t) || state.Toolsets.ContainsKey(t), nameof(AccessProfile.Toolsets), "There is no toolset"),
        Users = UserIds(profile.Users, nameof(AccessProfile.Users)),
        Groups = Existing(profile.Groups, state.Groups.ContainsKey, nameof(AccessProfile.Groups), "There is no group"),
    };

    public void NewUser(UserId user)
    {
        if (state.Users.ContainsKey(user.Value))
        {
            throw new ConflictException($"A user with id '{user}' already exists.");
        }
    }

    public DirectoryUserState ExistingUser(UserId user) =>
        state.Users.TryGetValue(user.Value ?? "", out var found) ? found : throw new NotFoundException($"There is no user '{user}'.");

    /// <summary>User ids that are all in the directory, without duplicates.</summary>
    public List<string> UserIds(IReadOnlyList<string>? users, string field) => Existing(users, state.Users.ContainsKey, field, "There is no user");

    public string NewGroup(string? name)
    {
        var valid = Name(name, "group");
        return state.Groups.ContainsKey(valid) ? throw new ConflictException($"A group named '{valid}' already exists.") : valid;
    }

    public List<string> ExistingGroup(string? name) =>
        state.Groups.TryGetValue(name ?? "", out var members) ? members : throw new NotFoundException($"There is no group {Echo.Quote(name)}.");

    public void UnboundGroup(string group)
    {
        if (state.Profiles.FirstOrDefault(p => p.Value.Groups.Contains(group)) is { Key: { } profile })
        {
            throw new ConflictException($"The access profile '{profile}' binds group '{group}'; unbind it first.");
        }
    }

    /// <summary>
    /// The user a new key is issued to: in the directory and enabled; an admin if the key opens the admin API; the very
    /// issuer if the tenant requires users to issue their own keys.
    /// </summary>
    public DirectoryUserState KeyOwner(UserId user, ApiKeyIssue issue)
    {
        var owner = ExistingUser(user);
        if (!owner.Enabled)
        {
            throw new ConflictException($"User '{user}' is disabled; enable them before issuing a key.");
        }

        if (state.Security.RequireSelfIssuedKeys && !ApiKeyIssuers.IsSelf(issue.IssuedBy, user))
        {
            throw new ConflictException($"This organisation requires users to issue their own API keys; '{user}' can issue one on their account page.");
        }

        return issue.Scopes.Contains(ApiKeyScopes.Admin) && owner.Role != DirectoryRole.Admin
            ? throw new InvalidRequestException(nameof(ApiKeyIssue.Scopes), $"Only an admin's key may open the admin API; '{user}' is a {owner.Role}.")
            : owner;
    }

    public void OwnsKey(UserId user, string? keyId)
    {
        if (!ExistingUser(user).ApiKeyIds.Contains(keyId ?? ""))
        {
            throw new NotFoundException($"User '{user}' has no API key {Echo.Quote(keyId)}.");
        }
    }

    private static List<string> Existing(IReadOnlyList<string>? names, Func<string, bool> exists, string field, string missing)
    {
        var distinct = (names ?? []).Distinct(StringComparer.Ordinal).ToList();
        var unknown = distinct.FindIndex(name => name is null || !exists(name));
        return unknown < 0 ? distinct : throw new InvalidRequestException(field, $"{missing} {Echo.Quote(distinct[unknown])}.");
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9:_-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AtlassianAccountIdPattern();
}
