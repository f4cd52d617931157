namespace Platform.Grains.Governance;

/// <summary>A named set of tools. Built-in sets (<see cref="AllApproved"/>, <see cref="ReadOnlyApproved"/>) maintain themselves.</summary>
[GenerateSerializer, Immutable, Alias("Platform.Toolset")]
public sealed record Toolset(
    [property: Id(0)] string Name,
    [property: Id(1)] bool BuiltIn,
    [property: Id(2)] IReadOnlyList<string> Tools)
{
    public const string AllApproved = "all-approved";
    public const string ReadOnlyApproved = "read-only-approved";

    public static bool IsBuiltIn(string name) => name is AllApproved or ReadOnlyApproved;
}
