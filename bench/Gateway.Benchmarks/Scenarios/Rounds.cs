using Platform.Benchmarks.Load;

namespace Platform.Benchmarks.Scenarios;

/// <summary>Figures over several rounds of one workload: medians, so one disturbed round does not decide.</summary>
internal static class Rounds
{
    public static double Median(this IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double MedianOf(this IReadOnlyList<RoundResult> rounds, Func<RoundResult, double> figure) => rounds.Select(figure).Median();

    /// <summary>Round-by-round ratios of two interleaved workloads (round i of one over round i of the other).</summary>
    public static IReadOnlyList<double> Ratios(IReadOnlyList<RoundResult> numerator, IReadOnlyList<RoundResult> denominator, Func<RoundResult, double> figure) =>
        [.. numerator.Zip(denominator, (a, b) => figure(a) / figure(b))];
}
