namespace AtlassianSimulator.Model;

/// <summary>Everything stored for one site. Guarded by <see cref="State.SimulatorStore.Gate"/>.</summary>
public sealed class SiteContent
{
    public SortedDictionary<long, Space> Spaces { get; } = [];
    public Dictionary<string, Space> SpacesByKey { get; } = new(StringComparer.OrdinalIgnoreCase);
    public SortedDictionary<long, Content> Items { get; } = [];
    public Dictionary<string, Group> Groups { get; } = [];
    public SortedDictionary<long, ContentTemplate> Templates { get; } = [];
    public Dictionary<string, LongTask> Tasks { get; } = [];
}
