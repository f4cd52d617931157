namespace Platform.Grains.Governance;

/// <summary>The tools this release of the platform offers; a silo resolves it from DI for tool discovery.</summary>
public interface IToolDescriptorSource
{
    IReadOnlyList<ToolDescriptor> Tools { get; }
}
