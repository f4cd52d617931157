using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>
/// What one run measures and for how long. Every scenario runs unless <c>--scenarios</c> names a subset; <c>--smoke</c>
/// shrinks everything to seconds so CI keeps the harness working without judging speed.
/// </summary>
internal sealed record BenchOptions
{
    public TimeSpan Round { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load before the first measured round of a target: tiered JIT promotes hot methods and PGO settles.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(20);

    public int Rounds { get; init; } = 3;

    public int Callers { get; init; } = 32;

    public int ListCallers { get; init; } = 8;

    public int Tenants { get; init; } = 10_000;

    public int UsersPerTenant { get; init; } = 10;

    public int StormTokens { get; init; } = 10_000;

    /// <summary>
    /// How long an idle user grain lives in the scale scenario's gateway, to show idle users are collected. Longer than
    /// activating 100,000 users takes here (about a minute), so none has left when their memory is measured.
    /// </summary>
    public TimeSpan IdleCollection { get; init; } = TimeSpan.FromSeconds(120);

    public IReadOnlySet<string> Scenarios { get; init; } = AllScenarios;

    public bool Smoke { get; init; }

    public static IReadOnlySet<string> AllScenarios { get; } = new HashSet<string>(["core", "audit", "cluster", "scale", "storm"], StringComparer.Ordinal);

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--smoke")
            ? new BenchOptions
            {
                Smoke = true, Round = TimeSpan.FromSeconds(1), WarmUp = TimeSpan.FromSeconds(2), Rounds = 1, Callers = 4, ListCallers = 2,
                Tenants = 20, UsersPerTenant = 5, StormTokens = 50, IdleCollection = TimeSpan.FromSeconds(4),
            }
            : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--smoke")
            {
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i - 1] switch
            {
                "--seconds" => options with { Round = TimeSpan.FromSeconds(Number(value)) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(Number(value)) },
                "--rounds" => options with { Rounds = Number(value) },
                "--callers" => options with { Callers = Number(value) },
                "--list-callers" => options with { ListCallers = Number(value) },
                "--tenants" => options with { Tenants = Number(value) },
                "--users-per-tenant" => options with { UsersPerTenant = Number(value) },
                "--storm-tokens" => options with { StormTokens = Number(value) },
                "--idle-collection" => options with { IdleCollection = TimeSpan.FromSeconds(Number(value)) },
                "--scenarios" => options with { Scenarios = Scenario(value) },
                var unknown => throw new ArgumentException(
                    $"Unknown option {unknown}. Options: --smoke --seconds --warmup --rounds --callers --list-callers --tenants --users-per-tenant --storm-tokens --idle-collection --scenarios core,audit,cluster,scale,storm"),
            };
        }

        return options;
    }

    private static int Number(string value) => int.Parse(value, CultureInfo.InvariantCulture) is > 0 and var number
        ? number
        : throw new ArgumentException($"'{value}' must be a positive number.");

    private static HashSet<string> Scenario(string value)
    {
        var named = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return named.Except(AllScenarios).FirstOrDefault() is { } unknown
            ? throw new ArgumentException($"Unknown scenario '{unknown}'; known: {string.Join(',', AllScenarios)}.")
            : named;
    }
}
