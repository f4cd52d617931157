namespace AtlassianSimulator.Model;

/// <summary>A page template: global (no space) or of one space; its body is storage format with template variables.</summary>
public sealed record ContentTemplate(long Id, string Name, string Description, string? SpaceKey, string Body, IReadOnlyList<string> Labels);
