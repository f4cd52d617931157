namespace AtlassianSimulator.Model;

/// <summary>A Confluence Cloud site (tenant); its cloud id is what 3LO callers put in the gateway URL.</summary>
public sealed class Site(string cloudId, string name)
{
    public string CloudId { get; } = cloudId;
    public string Name { get; } = name;
    public string Url => $"https://{Name}.atlassian.net";
    public HashSet<string> MemberAccountIds { get; } = [];
    public SiteContent Content { get; } = new();
}

public sealed class User(string accountId, string email, string displayName, string apiToken)
{
    public string AccountId { get; } = accountId;
    public string Email { get; } = email;
    public string DisplayName { get; } = displayName;
    public string ApiToken { get; set; } = apiToken;
    public HashSet<string> GroupIds { get; } = [];
}

public sealed class Group(string id, string name)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
}
