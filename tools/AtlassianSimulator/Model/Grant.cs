namespace AtlassianSimulator.Model;

/// <summary>One consent of one account to one app; covers one or more sites (cloud ids).</summary>
public sealed class Grant
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required string AccountId { get; init; }
    public required HashSet<string> Scopes { get; set; }
    public HashSet<string> CloudIds { get; } = [];
    public required DateTimeOffset FirstConsentAt { get; init; }
    public bool Revoked { get; set; }
}
