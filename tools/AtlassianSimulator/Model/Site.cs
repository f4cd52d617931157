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
