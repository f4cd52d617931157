namespace Platform.Atlassian;

/// <summary>The Atlassian account behind a token (<c>/me</c>).</summary>
public sealed record AtlassianAccount(string AccountId, string? Email, string? Name);
