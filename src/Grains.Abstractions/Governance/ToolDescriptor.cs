namespace Platform.Grains.Governance;

/// <summary>
/// A tool the platform offers, as governance sees it. <see cref="DefinitionHash"/> covers name, description, input
/// schema and annotations: an approval is bound to it, so a changed tool needs a new approval. <see cref="Definition"/>
/// is the canonical JSON that hash covers, kept with an approval so a re-review can show what changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.ToolDescriptor")]
public sealed record ToolDescriptor(
    [property: Id(0)] string Name,
    [property: Id(1)] string Title,
    [property: Id(2)] bool ReadOnly,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] string DefinitionHash,
    [property: Id(5)] string? Definition = null);
