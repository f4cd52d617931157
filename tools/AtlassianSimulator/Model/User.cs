namespace AtlassianSimulator.Model;

public sealed class User(string accountId, string email, string displayName, string apiToken)
{
    public string AccountId { get; } = accountId;
    public string Email { get; } = email;
    public string DisplayName { get; } = displayName;
    public string ApiToken { get; set; } = apiToken;
    public HashSet<string> GroupIds { get; } = [];
}
