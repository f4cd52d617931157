namespace Platform.Grains.Governance;

/// <summary>One catalog entry as stored: the tool's current descriptor and the tenant's decision about it.</summary>
[GenerateSerializer, Alias("Platform.GovernedTool")]
public sealed class GovernedTool
{
    [Id(0)]
    public string Title { get; set; } = "";

    [Id(1)]
    public bool ReadOnly { get; set; }

    /// <summary>Read-only: after reconciliation it is the catalog descriptor's own list, shared by every tenant.</summary>
    [Id(2)]
    public IReadOnlyList<string> Scopes { get; set; } = [];

    [Id(3)]
    public string DefinitionHash { get; set; } = "";

    [Id(4)]
    public ToolApproval Approval { get; set; }

    /// <summary>The definition the last approval covered; an approval never covers another hash.</summary>
    [Id(5)]
    public string? ApprovedDefinitionHash { get; set; }

    /// <summary>
    /// Only in states stored before approved definitions were archived once for every tenant (<see cref="IToolDefinitionArchiveGrain"/>):
    /// the text the last approval covered. Read for a re-review, cleared by the next approval, never written.
    /// </summary>
    [Id(6)]
    public string? ApprovedDefinition { get; set; }
}
