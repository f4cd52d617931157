namespace Platform.Confluence.Tools;

/// <summary>A Confluence site the credentials reach, with the scopes granted on it.</summary>
public sealed record AccessibleSite(string CloudId, string Url, string Name, IReadOnlyList<string> Scopes);
