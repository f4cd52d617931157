namespace Platform.Confluence.Tools.Tests;

/// <summary>All simulator tests share one simulator (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>
{
    public const string Name = "simulator";
}
