namespace Platform.Console.Tests.Infrastructure;

/// <summary>One playground and one browser for every console test.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "Console";
}
