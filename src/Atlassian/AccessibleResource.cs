namespace Platform.Atlassian;

/// <summary>A site the user's grant reaches (<c>/oauth/token/accessible-resources</c>).</summary>
public sealed record AccessibleResource(string Id, string Name, Uri Url, IReadOnlyList<string> Scopes);
