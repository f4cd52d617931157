namespace AtlassianSimulator.Model;

public sealed class RefreshToken
{
    public required string Token { get; init; }
    public required string GrantId { get; init; }
    public required IReadOnlySet<string> Scopes { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset? RotatedAt { get; set; }
}
