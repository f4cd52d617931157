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

    /// <summary>Null for a key stored before issuers were recorded (<see cref="ApiKeyIssuers.Unrecorded"/>).</summary>
    public string? IssuedBy { get; set; }

    /// <summary>Null for a key stored before keys had scopes: it opens the MCP endpoint only.</summary>
    public List<string>? Scopes { get; set; }
}
