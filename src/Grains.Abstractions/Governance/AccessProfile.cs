namespace Platform.Grains.Governance;

/// <summary>Grants the tools of <see cref="Toolsets"/> to <see cref="Users"/> and to the members of <see cref="Groups"/>.</summary>
[GenerateSerializer, Immutable, Alias("Platform.AccessProfile")]
public sealed record AccessProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string> Toolsets,
    [property: Id(2)] IReadOnlyList<string> Users,
    [property: Id(3)] IReadOnlyList<string> Groups);
