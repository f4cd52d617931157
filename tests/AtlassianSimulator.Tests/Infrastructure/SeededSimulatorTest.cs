namespace AtlassianSimulator.Tests.Infrastructure;

/// <summary>A test class that starts from a freshly seeded simulator with Alice's token and the seeded ids.</summary>
public abstract class SeededSimulatorTest(SimulatorFixture sim) : IAsyncLifetime
{
    protected SimulatorFixture Sim { get; } = sim;

    protected string Token { get; private set; } = "";

    protected SeededIds Ids { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Sim.ResetAsync();
        Token = await Sim.AccessTokenAsync();
        Ids = await SeededIds.LoadAsync(Sim, Token);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
