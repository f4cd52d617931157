namespace Platform.Grains.Governance;

/// <summary>A silo whose host registers no tool catalog offers no tools: discovery then lists nothing.</summary>
public sealed class NoToolDescriptors : IToolDescriptorSource
{
    public IReadOnlyList<ToolDescriptor> Tools => [];
}
