using System.Globalization;
using Platform.Benchmarks.Load;
using Platform.Benchmarks.Targets;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The expiry storm: many users whose access tokens the gateway holds to expire at one instant, under steady get_page
/// load that reaches every user in turn (two calls of a user at once, so concurrent callers meet the same refresh). Each
/// user's first call after the instant refreshes the token; the simulator counts refreshes per account, and the
/// per-second throughput shows the dip.
/// </summary>
internal sealed class StormScenario
{
    public required int Tokens { get; init; }

    public required RoundResult Load { get; init; }

    /// <summary>Second of the load at which the tokens went stale (the gateway refreshes a minute before expiry).</summary>
    public required int StormSecond { get; init; }

    public required int RefreshedOnce { get; init; }

    public required int RefreshedMore { get; init; }

    public required int NotRefreshed { get; init; }

    public required long Refreshes { get; init; }

    /// <summary>Median calls/s in the seconds before the storm.</summary>
    public double Before => Load.CallsPerSecond.Skip(1).Take(Math.Max(1, StormSecond - 1)).Select(calls => (double)calls).Median();

    /// <summary>The lowest calls/s in the storm's first seconds.</summary>
    public double Lowest => Load.CallsPerSecond.Skip(StormSecond).Take(Math.Max(1, Load.CallsPerSecond.Count - StormSecond - 1)).DefaultIfEmpty(0).Min();

    public static async Task<StormScenario> RunAsync(BenchOptions options, SimulatorProcess simulator, HttpClient http, Action<RoundResult> report)
    {
        const int UsersPerTenant = 10;
        await using var gateway = await GatewayTarget.StartEmbeddedAsync("storm", simulator);
        var seeder = new Seeder(gateway, simulator);
        var seeded = await seeder.SeedAsync("storm", Math.Max(1, options.StormTokens / UsersPerTenant), Math.Min(UsersPerTenant, options.StormTokens));
        var users = seeded.Select(pair => pair.User).ToArray();

        // The gateway refreshes a token a minute before it expires: every token goes stale a little after the measured
        // load starts, once each user's grain is active (one call each) so the seconds before the storm are steady state.
        var refreshSkew = TimeSpan.FromMinutes(1);
        var lead = options.Smoke ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);
        var preparing = TimeSpan.FromMilliseconds(Math.Max(5_000, users.Length * 12));
        var staleAt = DateTimeOffset.UtcNow + preparing + lead;
        await seeder.ConnectAllAsync(seeded, staleAt + refreshSkew);
        var mcp = new McpWire(http, gateway.Api.BaseAddress);
        var warmUp = await ClosedLoop.RunAsync("storm warm-up: one get_page per user", options.Callers, staleAt - DateTimeOffset.UtcNow,
            CallTargets.EachUserOnce(mcp, simulator, users), gateway.Counters);
        report(warmUp);
        if (DateTimeOffset.UtcNow > staleAt - TimeSpan.FromSeconds(options.Smoke ? 1 : 5) || warmUp.Calls < users.Length)
        {
            throw new InvalidOperationException("Connecting and activating the storm's users took longer than planned; their tokens went stale before the load started.");
        }

        var before = await simulator.CountersAsync();
        var stormSecond = (int)(staleAt - DateTimeOffset.UtcNow).TotalSeconds;
        // Long enough for two sweeps over every user at a few hundred calls a second after the storm starts.
        var after = TimeSpan.FromSeconds(Math.Max(options.Smoke ? 5 : 30, users.Length / 150.0));
        var load = await ClosedLoop.RunAsync("expiry storm: get_page over every user in turn", options.Callers, (staleAt - DateTimeOffset.UtcNow) + after,
            CallTargets.GetPage(mcp, simulator, (_, sequence) => users[(int)((sequence / 2) % users.Length)]), gateway.Counters);
        report(load);
        var counters = await simulator.CountersAsync();
        var perAccount = seeded.Select(pair => counters.GetValueOrDefault($"token.refresh_token.{pair.Grant.AccountId}")
            - before.GetValueOrDefault($"token.refresh_token.{pair.Grant.AccountId}")).ToArray();
        return new StormScenario
        {
            Tokens = users.Length,
            Load = load,
            StormSecond = stormSecond,
            RefreshedOnce = perAccount.Count(count => count == 1),
            RefreshedMore = perAccount.Count(count => count > 1),
            NotRefreshed = perAccount.Count(count => count == 0),
            Refreshes = counters.GetValueOrDefault("token.refresh_token") - before.GetValueOrDefault("token.refresh_token"),
        };
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{RefreshedOnce} of {Tokens} refreshed exactly once ({RefreshedMore} more than once, {NotRefreshed} never; {Refreshes} refreshes in all); "
        + $"{Before:F0} calls/s before, lowest {Lowest:F0} calls/s after second {StormSecond} ({100 * (1 - (Lowest / Before)):F0} % dip)");
}
