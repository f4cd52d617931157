namespace Platform.Grains.Governance;

/// <summary>
/// One tool in a tenant's catalog. <see cref="MissingScopes"/> lists what the tenant's integration lacks; a tool with
/// any is unavailable, whatever its approval.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.CatalogTool")]
public sealed record CatalogTool(
    [property: Id(0)] string Name,
    [property: Id(1)] string Title,
    [property: Id(2)] bool ReadOnly,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] string DefinitionHash,
    [property: Id(5)] ToolApproval Approval,
    [property: Id(6)] string? ApprovedDefinitionHash,
    [property: Id(7)] IReadOnlyList<string> MissingScopes)
{
    public bool Available => MissingScopes.Count == 0;

    /// <summary>Approved for exactly the current definition and usable with the granted scopes.</summary>
    public bool Callable => Approval == ToolApproval.Approved && ApprovedDefinitionHash == DefinitionHash && Available;
}
