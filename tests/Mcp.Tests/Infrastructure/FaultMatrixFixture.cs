using System.Net.Http.Json;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>
/// A gateway of its own whose Confluence timeout is short, so a slow upstream is tested in seconds, and whose simulator's
/// faults touch no other collection's tests.
/// </summary>
public sealed class FaultMatrixFixture : GatewayFixture
{
    public static readonly TimeSpan ConfluenceTimeout = TimeSpan.FromSeconds(3);

    protected override IEnumerable<string> ExtraArguments => ["--Confluence:Timeout", ConfluenceTimeout.ToString()];

    /// <summary>Injects <paramref name="faults"/> (the simulator's <c>/_sim/faults</c> body) until the result is disposed.</summary>
    public async Task<IAsyncDisposable> FaultsAsync(object faults)
    {
        (await Playground.Simulator.PutAsJsonAsync("/_sim/faults", faults)).EnsureSuccessStatusCode();
        return new ClearFaults(Playground.Simulator);
    }

    /// <summary>How often the simulator has served the Confluence operation <paramref name="operationId"/>.</summary>
    public async Task<long> CounterAsync(string operationId) =>
        (await Playground.Simulator.GetFromJsonAsync<Dictionary<string, long>>("/_sim/counters"))!.GetValueOrDefault($"api.{operationId}");

    private sealed class ClearFaults(HttpClient simulator) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => (await simulator.PutAsJsonAsync("/_sim/faults", new { })).EnsureSuccessStatusCode();
    }
}

[CollectionDefinition(Name)]
public sealed class FaultMatrixCollection : ICollectionFixture<FaultMatrixFixture>
{
    public const string Name = "Fault matrix";
}
