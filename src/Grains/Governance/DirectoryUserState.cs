namespace Platform.Grains.Governance;

[GenerateSerializer, Alias("Platform.DirectoryUserState")]
public sealed class DirectoryUserState
{
    [Id(0)]
    public string? ExternalId { get; set; }

    [Id(1)]
    public string? Email { get; set; }

    [Id(2)]
    public bool Enabled { get; set; }

    [Id(3)]
    public DirectoryRole Role { get; set; }

    /// <summary>Ids of the user's API keys (each an <c>IApiKeyGrain</c>), so they can be listed and revoked.</summary>
    [Id(4)]
    public List<string> ApiKeyIds { get; set; } = [];

    /// <summary>The Atlassian account that may be connected for the user: set by an admin, or bound on first connect.</summary>
    [Id(5)]
    public string? AtlassianAccountId { get; set; }
}
