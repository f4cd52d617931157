using System.Reflection;

namespace Platform.Benchmarks.Targets;

/// <summary>Where the build put the simulator (the Silo and Api paths come from the cluster tests' <c>BuildPaths</c>).</summary>
internal static class SimulatorPath
{
    public static string Assembly => typeof(SimulatorPath).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "SimulatorAssembly").Value!;
}
