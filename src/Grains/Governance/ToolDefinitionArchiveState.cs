namespace Platform.Grains.Governance;

/// <summary>Persisted state of <see cref="ToolDefinitionArchiveGrain"/>: canonical definitions by their hash.</summary>
[GenerateSerializer, Alias("Platform.ToolDefinitionArchiveState")]
public sealed class ToolDefinitionArchiveState
{
    [Id(0)]
    public Dictionary<string, string> Definitions { get; set; } = new(StringComparer.Ordinal);
}
