using System.Globalization;

namespace Platform.Benchmarks;

internal sealed record LoadResult(int Calls, int Failures, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    public string Row(string name) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Calls} | {Failures} | {CallsPerSecond:F0} | {P50Ms:F1} | {P95Ms:F1} | {P99Ms:F1} |");
}
