namespace Platform.Grains.Governance;

/// <summary>A named group of a tenant's users, which access profiles can grant toolsets to.</summary>
[GenerateSerializer, Immutable, Alias("Platform.DirectoryGroup")]
public sealed record DirectoryGroup(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string> Members);
