using System.Globalization;

namespace Platform.Benchmarks.Measure;

/// <summary>The machine the figures come from: its cores, and how busy it was (the shared machine's load average).</summary>
internal static class Machine
{
    public static int Cores => Environment.ProcessorCount;

    /// <summary>The 1-minute load average, from <c>/proc/loadavg</c>.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>CPU time (user + system) a process has used so far, from <c>/proc/{pid}/stat</c>.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may contain spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>Resident memory of a process, from <c>/proc/{pid}/status</c>.</summary>
    public static long ResidentBytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var kilobytes, ..]
            ? long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024
            : 0;

    /// <summary>USER_HZ is 100 on every Linux architecture .NET runs on.</summary>
    private const int ClockTicksPerSecond = 100;
}
