namespace Platform.Api.Admin;

/// <summary>Creates (with <see cref="Name"/>) or replaces (name from the route) a group's members.</summary>
public sealed record GroupRequest(string? Name, IReadOnlyList<string>? Members);
