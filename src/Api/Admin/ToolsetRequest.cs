namespace Platform.Api.Admin;

/// <summary>Creates (with <see cref="Name"/>) or replaces (name from the route) a custom toolset.</summary>
public sealed record ToolsetRequest(string? Name, IReadOnlyList<string>? Tools);
