namespace AtlassianSimulator.Control;

// Request bodies of the /_sim control endpoint.

public sealed record AdvanceClock(double Seconds);

public sealed record RevokeGrants(string AccountId, string? ClientId);

public sealed record RegisterApp(string ClientId, string ClientSecret, string CallbackUrl, IReadOnlyList<string> Scopes, string? Name);

public sealed record RegisterSite(string Name, string? CloudId);

public sealed record RegisterUser(string Email, string DisplayName, string? ApiToken, string? AccountId, IReadOnlyList<string>? Sites, IReadOnlyList<string>? GroupIds);

public sealed record AutoConsent(string? AccountId);

public sealed record MintToken(string? ClientId, string Email, IReadOnlyList<string>? Scopes);

public sealed record RestrictContent(string SiteName, long ContentId, IReadOnlyList<string>? ViewerAccountIds);

public sealed record RecordView(string SiteName, long ContentId, string AccountId, DateTimeOffset? At);
