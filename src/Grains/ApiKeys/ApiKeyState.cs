namespace Platform.Grains.ApiKeys;

/// <summary>A key as stored: the SHA-256 of the token, never the token.</summary>
public sealed class ApiKeyState
{
    public string User { get; set; } = "";

    public string Name { get; set; } = "";

    public byte[] TokenHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
