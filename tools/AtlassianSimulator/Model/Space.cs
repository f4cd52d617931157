namespace AtlassianSimulator.Model;

public sealed class Space
{
    public required long Id { get; init; }
    public required string Key { get; init; }
    public required string Name { get; set; }
    public string Type { get; init; } = "global";
    public string Status { get; set; } = "current";
    public required string AuthorId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Description { get; set; } = "";
    public long? HomepageId { get; set; }

    /// <summary>Null means every site member may view; otherwise only these accounts and groups.</summary>
    public HashSet<string>? AllowedAccountIds { get; set; }
    public HashSet<string>? AllowedGroupIds { get; set; }
    public bool IsRestricted => AllowedAccountIds is not null || AllowedGroupIds is not null;
}
